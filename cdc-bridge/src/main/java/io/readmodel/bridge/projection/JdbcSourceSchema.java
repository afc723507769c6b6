package io.readmodel.bridge.projection;

import io.readmodel.core.definition.load.SourceSchema;
import io.readmodel.core.definition.load.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tables of one PostgreSQL schema, read once from {@code information_schema.columns} (column names and types,
 * in table order) and {@code pg_index} (primary keys, in key order), to check projection definitions against.
 */
public final class JdbcSourceSchema implements SourceSchema {

    private static final String COLUMNS = """
            SELECT table_name, column_name, data_type
            FROM information_schema.columns
            WHERE table_schema = ?
            ORDER BY table_name, ordinal_position""";

    private static final String PRIMARY_KEYS = """
            SELECT c.relname, a.attname
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
            WHERE i.indisprimary AND n.nspname = ?
            ORDER BY c.relname, k.ord""";

    private final Map<String, TableSchema> tables;

    private JdbcSourceSchema(Map<String, TableSchema> tables) {
        this.tables = tables;
    }

    /**
     * Reads the tables of {@code schema} (such as {@code public}) through {@code connection}; the connection is
     * left open.
     */
    public static JdbcSourceSchema read(Connection connection, String schema) throws SQLException {
        Map<String, Map<String, String>> columns = new LinkedHashMap<>();
        for (String[] row : query(connection, COLUMNS, schema, 3)) {
            columns.computeIfAbsent(row[0], table -> new LinkedHashMap<>()).put(row[1], row[2]);
        }
        Map<String, List<String>> primaryKeys = new LinkedHashMap<>();
        for (String[] row : query(connection, PRIMARY_KEYS, schema, 2)) {
            primaryKeys.computeIfAbsent(row[0], table -> new ArrayList<>()).add(row[1]);
        }
        Map<String, TableSchema> tables = new LinkedHashMap<>();
        columns.forEach((table, types) -> tables.put(table,
                new TableSchema(table, primaryKeys.getOrDefault(table, List.of()), types)));
        return new JdbcSourceSchema(Collections.unmodifiableMap(tables));
    }

    @Override
    public Optional<TableSchema> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    @Override
    public Set<String> tableNames() {
        return tables.keySet();
    }

    private static List<String[]> query(Connection connection, String sql, String schema, int width)
            throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String[] row = new String[width];
                    for (int i = 0; i < width; i++) {
                        row[i] = result.getString(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
