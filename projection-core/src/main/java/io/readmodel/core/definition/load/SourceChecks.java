package io.readmodel.core.definition.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the names a definition uses against the source database: tables, columns and keys. Without a
 * {@link SourceSchema} every check passes (the file is then only checked for its own consistency).
 */
final class SourceChecks {

    private static final Set<String> NUMERIC_TYPES = Set.of("smallint", "integer", "bigint", "numeric", "decimal",
            "real", "double precision", "int2", "int4", "int8", "float4", "float8");

    private final SourceSchema source;
    private final Problems problems;

    SourceChecks(SourceSchema source, Problems problems) {
        this.source = source;
        this.problems = problems;
    }

    /** The table named by {@code owner.table}, reporting it when it does not exist. */
    Optional<TableSchema> table(JsonNode owner, String ownerPath) {
        String name = Trees.text(owner, "table");
        if (name == null || source == null) {
            return Optional.empty();
        }
        Optional<TableSchema> table = source.table(name);
        if (table.isEmpty()) {
            Set<String> known = new TreeSet<>(source.tableNames());
            String hint = known.isEmpty() ? "" : " (tables: " + String.join(", ", known) + ")";
            problems.at(FieldPath.key(ownerPath, "table"), "table '" + name + "' does not exist" + hint);
        }
        return table;
    }

    /** The table, if it exists, without reporting anything (it is reported where it is declared). */
    Optional<TableSchema> quietTable(String name) {
        return source == null ? Optional.empty() : source.table(name);
    }

    /** {@code owner.key} must be the table's single-column primary key. */
    void primaryKey(Optional<TableSchema> table, JsonNode owner, String ownerPath) {
        String key = Trees.text(owner, "key");
        if (key == null || table.isEmpty()) {
            return;
        }
        TableSchema schema = table.get();
        String path = FieldPath.key(ownerPath, "key");
        if (schema.primaryKey().isEmpty()) {
            problems.at(path, "table " + schema.name() + " has no primary key; a projection needs one");
        } else if (schema.primaryKey().size() > 1) {
            problems.at(path, "table " + schema.name() + " has a composite primary key ("
                    + String.join(", ", schema.primaryKey()) + "); only single-column keys are supported");
        } else if (!schema.primaryKey().get(0).equals(key)) {
            problems.at(path, "key '" + key + "' is not the primary key of " + schema.name() + " (primary key: "
                    + schema.primaryKey().get(0) + ")");
        }
    }

    /** The column named by {@code owner.<member>} must exist in the table. */
    void column(Optional<TableSchema> table, JsonNode owner, String member, String ownerPath) {
        column(table, Trees.text(owner, member), FieldPath.key(ownerPath, member));
    }

    /** The column must exist in the table; the problem is placed at {@code path}. */
    void column(Optional<TableSchema> table, String column, String path) {
        if (column == null || table.isEmpty() || table.get().hasColumn(column)) {
            return;
        }
        TableSchema schema = table.get();
        problems.at(path, "column '" + column + "' does not exist in table " + schema.name() + " (columns: "
                + String.join(", ", schema.columnTypes().keySet()) + ")");
    }

    /** Every column of a {@code fields} mapping must exist in the table. */
    void fieldColumns(Optional<TableSchema> table, JsonNode fields, String path) {
        if (!fields.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) fields::fields) {
            String fieldPath = FieldPath.key(path, field.getKey());
            JsonNode mapping = field.getValue();
            if (mapping.isTextual()) {
                column(table, mapping.asText(), fieldPath);
            } else {
                column(table, mapping, "column", fieldPath);
            }
        }
    }

    /** A summed column must be numeric. */
    void numericColumn(Optional<TableSchema> table, String column, String path, String function) {
        if (column == null || table.isEmpty()) {
            return;
        }
        table.get().columnType(column)
                .filter(type -> !NUMERIC_TYPES.contains(type.toLowerCase(java.util.Locale.ROOT)))
                .ifPresent(type -> problems.at(path, function + " needs a numeric column; column '" + column
                        + "' of table " + table.get().name() + " is " + type));
    }
}
