package io.readmodel.core.definition.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Validates a definition tree against the published JSON Schema and words each violation for a person: the
 * field path, and what is wrong with it.
 */
final class SchemaValidation {

    /** The schema's {@code $id}; it is served from the classpath, never fetched. */
    static final String SCHEMA_ID = "https://readmodel.io/schemas/projection-definition.schema.json";

    private static final JsonSchema SCHEMA = JsonSchemaFactory
            .getInstance(SpecVersion.VersionFlag.V202012, builder -> builder.schemaMappers(mappers -> mappers
                    .mapPrefix("https://readmodel.io/schemas/", "classpath:io/readmodel/core/definition/")))
            .getSchema(SchemaLocation.of(SCHEMA_ID));

    private SchemaValidation() {
    }

    /** Adds a problem for every violation of the schema. */
    static void validate(YamlTree tree, Problems problems) {
        for (ValidationMessage violation : SCHEMA.validate(tree.root())) {
            report(violation, problems);
        }
    }

    private static void report(ValidationMessage violation, Problems problems) {
        String path = pathOf(violation.getInstanceLocation());
        Object[] arguments = violation.getArguments() == null ? new Object[0] : violation.getArguments();
        switch (violation.getType()) {
            case "required" -> problems.at(FieldPath.key(path, violation.getProperty()), "required key is missing");
            case "additionalProperties" -> problems.atKey(FieldPath.key(path, violation.getProperty()),
                    "unknown key" + allowedKeys(violation));
            case "type" -> problems.at(path, "expected " + typeName(arguments, 1) + ", found " + typeName(arguments, 0));
            case "enum" -> problems.at(path, "'" + violation.getInstanceNode().asText() + "' is not one of: "
                    + enumValues(violation.getSchemaNode()));
            case "pattern" -> problems.at(path, "'" + violation.getInstanceNode().asText()
                    + "' does not match the pattern " + violation.getSchemaNode().asText());
            default -> problems.at(path, withoutPathPrefix(violation));
        }
    }

    private static String pathOf(JsonNodePath location) {
        String path = "";
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            path = element instanceof Integer index ? FieldPath.index(path, index) : FieldPath.key(path, (String) element);
        }
        return path;
    }

    /** The keys the schema object around an {@code additionalProperties: false} allows. */
    private static String allowedKeys(ValidationMessage violation) {
        JsonNode object = SCHEMA.getSchemaNode();
        JsonNodePath fragment = violation.getSchemaLocation().getFragment();
        for (int i = 0; i < fragment.getNameCount() - 1; i++) {
            Object element = fragment.getElement(i);
            object = element instanceof Integer index ? object.path(index) : object.path((String) element);
        }
        JsonNode properties = object.path("properties");
        if (!properties.isObject() || properties.isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return " (allowed: " + String.join(", ", names) + ")";
    }

    private static String typeName(Object[] arguments, int index) {
        if (arguments.length <= index) {
            return "another type";
        }
        return String.valueOf(arguments[index]).replace("[", "").replace("]", "").replace(", ", " or ");
    }

    private static String enumValues(JsonNode schemaNode) {
        List<String> values = new ArrayList<>();
        for (Iterator<JsonNode> it = schemaNode.elements(); it.hasNext(); ) {
            values.add(it.next().asText());
        }
        return values.stream().collect(Collectors.joining(", "));
    }

    private static String withoutPathPrefix(ValidationMessage violation) {
        String message = violation.getMessage();
        String prefix = violation.getInstanceLocation() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
