package io.readmodel.core.definition.load;

import static io.readmodel.core.definition.load.Trees.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.readmodel.core.definition.AggregateDefinition;
import io.readmodel.core.definition.ChildDefinition;
import io.readmodel.core.definition.Condition;
import io.readmodel.core.definition.FieldMapping;
import io.readmodel.core.definition.FieldType;
import io.readmodel.core.definition.LookupDefinition;
import io.readmodel.core.definition.ProjectionDefinition;
import io.readmodel.core.definition.RowFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Turns a definition tree that passed the schema and the rules into definition records. */
final class DefinitionBuilder {

    private DefinitionBuilder() {
    }

    static List<ProjectionDefinition> build(JsonNode root) {
        return each(root.path("projections"), DefinitionBuilder::projection);
    }

    private static ProjectionDefinition projection(JsonNode node) {
        return new ProjectionDefinition(text(node, "name"), text(node, "table"), text(node, "key"),
                fields(node.path("fields")), each(node.path("lookups"), DefinitionBuilder::lookup),
                each(node.path("children"), DefinitionBuilder::child),
                each(node.path("aggregates"), DefinitionBuilder::aggregate), filter(node.path("filter")));
    }

    private static LookupDefinition lookup(JsonNode node) {
        return new LookupDefinition(text(node, "field"), text(node, "table"), text(node, "key"),
                text(node, "foreignKey"), fields(node.path("fields")),
                each(node.path("lookups"), DefinitionBuilder::lookup));
    }

    private static ChildDefinition child(JsonNode node) {
        return new ChildDefinition(text(node, "field"), text(node, "table"), text(node, "key"),
                text(node, "parentKey"), text(node, "orderBy"), node.path("descending").asBoolean(false),
                fields(node.path("fields")), each(node.path("lookups"), DefinitionBuilder::lookup),
                each(node.path("children"), DefinitionBuilder::child));
    }

    private static AggregateDefinition aggregate(JsonNode node) {
        return new AggregateDefinition(text(node, "field"), constant(AggregateDefinition.Function.class,
                text(node, "function")), text(node, "table"), text(node, "column"), text(node, "orderBy"),
                filter(node.path("filter")));
    }

    private static List<FieldMapping> fields(JsonNode node) {
        List<FieldMapping> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            JsonNode mapping = field.getValue();
            if (mapping.isTextual()) {
                fields.add(FieldMapping.of(mapping.asText(), field.getKey()));
            } else {
                String type = text(mapping, "type");
                fields.add(new FieldMapping(text(mapping, "column"), field.getKey(),
                        type == null ? FieldType.AUTO : constant(FieldType.class, type)));
            }
        }
        return fields;
    }

    private static RowFilter filter(JsonNode node) {
        return node.isMissingNode() ? RowFilter.ALL : new RowFilter(each(node, DefinitionBuilder::condition));
    }

    private static Condition condition(JsonNode node) {
        List<Object> values = new ArrayList<>();
        if (node.has("value")) {
            values.add(scalar(node.get("value")));
        }
        node.path("values").forEach(value -> values.add(scalar(value)));
        return new Condition(text(node, "column"), constant(Condition.Operator.class, text(node, "op")), values);
    }

    /** A filter operand keeps its YAML type: text, boolean, a whole number (long) or an exact decimal. */
    private static Object scalar(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        return value.numberValue();
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String yamlName) {
        return Enum.valueOf(type, yamlName.toUpperCase(Locale.ROOT));
    }

    private static <T> List<T> each(JsonNode array, Function<JsonNode, T> build) {
        List<T> built = new ArrayList<>();
        array.forEach(element -> built.add(build.apply(element)));
        return built;
    }
}
