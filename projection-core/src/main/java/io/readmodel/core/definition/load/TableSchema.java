package io.readmodel.core.definition.load;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A source table as the definitions may use it.
 *
 * @param name the table's name
 * @param primaryKey its primary-key columns in key order (empty when it has none)
 * @param columnTypes column name to PostgreSQL type name ({@code bigint}, {@code text}, {@code numeric},
 *     {@code timestamp with time zone}, ...), in table order
 */
public record TableSchema(String name, List<String> primaryKey, Map<String, String> columnTypes) {

    public TableSchema {
        primaryKey = List.copyOf(primaryKey);
        columnTypes = Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
    }

    /** Whether the table has this column. */
    public boolean hasColumn(String column) {
        return columnTypes.containsKey(column);
    }

    /** The column's type name, if the table has it. */
    public Optional<String> columnType(String column) {
        return Optional.ofNullable(columnTypes.get(column));
    }
}
