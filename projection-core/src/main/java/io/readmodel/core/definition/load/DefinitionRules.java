package io.readmodel.core.definition.load;

import static io.readmodel.core.definition.load.FieldPath.index;
import static io.readmodel.core.definition.load.FieldPath.key;
import static io.readmodel.core.definition.load.Trees.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a JSON Schema cannot say, checked on the parsed tree so every problem keeps its line: names against
 * the source database, unique projection and document field names, children that would contain themselves,
 * aggregates over the root's children, and the operands each filter operator takes.
 *
 * <p>Lookups cannot cycle: a definition file is a finite tree, so a lookup of a lookup naming the same table
 * again (an employee's manager's manager) is a finite chain written out level by level.
 */
final class DefinitionRules {

    private static final Set<String> FUNCTIONS_WITH_COLUMN = Set.of("sum", "min", "max", "latest");

    private final Problems problems;
    private final SourceChecks source;
    private final Map<String, String> projectionPaths = new HashMap<>();

    private DefinitionRules(SourceSchema source, Problems problems) {
        this.problems = problems;
        this.source = new SourceChecks(source, problems);
    }

    /** Adds a problem for every rule the file breaks; {@code source} may be {@code null}. */
    static void check(JsonNode root, SourceSchema source, Problems problems) {
        new DefinitionRules(source, problems).checkFile(root);
    }

    private void checkFile(JsonNode root) {
        JsonNode projections = root.path("projections");
        for (int i = 0; i < projections.size(); i++) {
            checkProjection(projections.get(i), index("projections", i));
        }
    }

    private void checkProjection(JsonNode projection, String path) {
        if (!projection.isObject()) {
            return;
        }
        String name = text(projection, "name");
        if (name != null) {
            String first = projectionPaths.putIfAbsent(name, path);
            if (first != null) {
                problems.at(key(path, "name"), "duplicate projection name '" + name + "' (also " + first + ", line "
                        + problems.lineOf(first) + ")");
            }
        }
        Optional<TableSchema> table = source.table(projection, path);
        source.primaryKey(table, projection, path);
        source.fieldColumns(table, projection.path("fields"), key(path, "fields"));
        checkFilter(table, projection.path("filter"), key(path, "filter"));

        DocumentFields document = DocumentFields.documentRoot(problems);
        document.addAll(projection.path("fields"), key(path, "fields"));
        checkLookups(table, projection.path("lookups"), key(path, "lookups"), document);
        List<String> rootPath = text(projection, "table") == null ? List.of() : List.of(text(projection, "table"));
        checkChildren(table, projection.path("children"), key(path, "children"), rootPath, document,
                new HashMap<>());
        checkAggregates(projection, path, document);
    }

    private void checkLookups(Optional<TableSchema> referring, JsonNode lookups, String path, DocumentFields into) {
        for (int i = 0; i < lookups.size(); i++) {
            JsonNode lookup = lookups.get(i);
            String lookupPath = index(path, i);
            if (!lookup.isObject()) {
                continue;
            }
            Optional<TableSchema> table = source.table(lookup, lookupPath);
            source.primaryKey(table, lookup, lookupPath);
            source.column(referring, lookup, "foreignKey", lookupPath);
            source.fieldColumns(table, lookup.path("fields"), key(lookupPath, "fields"));
            DocumentFields target = into;
            String field = text(lookup, "field");
            if (field != null) {
                into.add(field, key(lookupPath, "field"));
                target = new DocumentFields(problems);
            }
            target.addAll(lookup.path("fields"), key(lookupPath, "fields"));
            checkLookups(table, lookup.path("lookups"), key(lookupPath, "lookups"), target);
        }
    }

    /**
     * @param tablePath the tables from the root down to the parent: a child naming one of them would contain
     *     itself
     * @param childPaths where each child table of the projection is declared: the engine knows a child by its table
     */
    private void checkChildren(Optional<TableSchema> parent, JsonNode children, String path, List<String> tablePath,
            DocumentFields into, Map<String, String> childPaths) {
        for (int i = 0; i < children.size(); i++) {
            JsonNode child = children.get(i);
            String childPath = index(path, i);
            if (!child.isObject()) {
                continue;
            }
            Optional<TableSchema> table = source.table(child, childPath);
            source.primaryKey(table, child, childPath);
            source.column(table, child, "parentKey", childPath);
            source.column(table, child, "orderBy", childPath);
            source.fieldColumns(table, child.path("fields"), key(childPath, "fields"));
            String tableName = text(child, "table");
            List<String> nestedPath = new ArrayList<>(tablePath);
            if (tableName != null) {
                nestedPath.add(tableName);
                checkChildTableOnce(tableName, key(childPath, "table"), tablePath, childPaths);
            }
            String field = text(child, "field");
            if (field != null) {
                into.add(field, key(childPath, "field"));
            }
            DocumentFields element = new DocumentFields(problems);
            element.addAll(child.path("fields"), key(childPath, "fields"));
            checkLookups(table, child.path("lookups"), key(childPath, "lookups"), element);
            if (tableName == null || !tablePath.contains(tableName)) {
                checkChildren(table, child.path("children"), key(childPath, "children"), nestedPath, element,
                        childPaths);
            }
        }
    }

    private void checkChildTableOnce(String table, String path, List<String> tablePath,
            Map<String, String> childPaths) {
        if (tablePath.contains(table)) {
            problems.at(path, "cycle: table " + table + " is already on this path (" + String.join(" → ", tablePath)
                    + " → " + table + "); a child cannot contain its own table");
            return;
        }
        String first = childPaths.putIfAbsent(table, path);
        if (first != null) {
            problems.at(path, "table " + table + " is already a child at " + first + " (line "
                    + problems.lineOf(first) + "); a table can be a child only once in a projection");
        }
    }

    private void checkAggregates(JsonNode projection, String path, DocumentFields document) {
        Map<String, Optional<TableSchema>> directChildren = directChildren(projection.path("children"));
        JsonNode aggregates = projection.path("aggregates");
        for (int i = 0; i < aggregates.size(); i++) {
            JsonNode aggregate = aggregates.get(i);
            String aggregatePath = index(key(path, "aggregates"), i);
            if (!aggregate.isObject()) {
                continue;
            }
            String field = text(aggregate, "field");
            if (field != null) {
                document.add(field, key(aggregatePath, "field"));
            }
            Optional<TableSchema> table = Optional.empty();
            String tableName = text(aggregate, "table");
            if (tableName != null) {
                if (directChildren.containsKey(tableName)) {
                    table = directChildren.get(tableName);
                } else {
                    problems.at(key(aggregatePath, "table"), notADirectChild(tableName, projection, directChildren));
                }
            }
            checkAggregateOperands(table, aggregate, aggregatePath);
            checkFilter(table, aggregate.path("filter"), key(aggregatePath, "filter"));
        }
    }

    private Map<String, Optional<TableSchema>> directChildren(JsonNode children) {
        Map<String, Optional<TableSchema>> tables = new LinkedHashMap<>();
        for (JsonNode child : children) {
            String table = text(child, "table");
            if (table != null) {
                tables.putIfAbsent(table, source.quietTable(table));
            }
        }
        return tables;
    }

    private static String notADirectChild(String table, JsonNode projection, Map<String, ?> directChildren) {
        String root = String.valueOf(text(projection, "table"));
        String children = directChildren.isEmpty() ? "it has none" : "they are: " + String.join(", ", directChildren.keySet());
        return "table '" + table + "' is not a direct child of the root table " + root + " (" + children
                + "); declare it under children (without field to only aggregate it)";
    }

    private void checkAggregateOperands(Optional<TableSchema> table, JsonNode aggregate, String path) {
        String function = text(aggregate, "function");
        if (function == null) {
            return;
        }
        String column = text(aggregate, "column");
        if (FUNCTIONS_WITH_COLUMN.contains(function) && !aggregate.has("column")) {
            problems.at(key(path, "column"), "function " + function + " needs a column");
        }
        if (function.equals("count") && aggregate.has("column")) {
            problems.at(key(path, "column"), "function count takes no column (it counts rows)");
        }
        if (function.equals("latest") && !aggregate.has("orderBy")) {
            problems.at(key(path, "orderBy"), "function latest needs orderBy (the column deciding which row is latest)");
        }
        if (!function.equals("latest") && aggregate.has("orderBy")) {
            problems.at(key(path, "orderBy"), "only function latest takes orderBy");
        }
        source.column(table, aggregate, "column", path);
        source.column(table, aggregate, "orderBy", path);
        if (function.equals("sum")) {
            source.numericColumn(table, column, key(path, "column"), "sum");
        }
    }

    private void checkFilter(Optional<TableSchema> table, JsonNode filter, String path) {
        for (int i = 0; i < filter.size(); i++) {
            JsonNode condition = filter.get(i);
            String conditionPath = index(path, i);
            source.column(table, condition, "column", conditionPath);
            String op = text(condition, "op");
            if (op != null) {
                checkOperands(op, condition, conditionPath);
            }
        }
    }

    private void checkOperands(String op, JsonNode condition, String path) {
        boolean hasValue = condition.has("value");
        boolean hasValues = condition.has("values");
        switch (op) {
            case "in", "not_in" -> {
                if (!hasValues) {
                    problems.at(key(path, "values"), "op " + op + " needs a list of values (values: [...])");
                }
                if (hasValue) {
                    problems.atKey(key(path, "value"), "op " + op + " takes values: [...], not value");
                }
            }
            case "is_null", "not_null" -> {
                if (hasValue || hasValues) {
                    String member = hasValue ? "value" : "values";
                    problems.atKey(key(path, member), "op " + op + " takes no value");
                }
            }
            default -> {
                if (!hasValue) {
                    problems.at(key(path, "value"), "op " + op + " needs one value (value: ...)");
                }
                if (hasValues) {
                    problems.atKey(key(path, "values"), "op " + op + " takes one value, not values");
                }
            }
        }
    }
}
