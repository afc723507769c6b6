package io.readmodel.bridge.reconcile;

import io.readmodel.bridge.config.SourceConnections;
import io.readmodel.core.change.RowChange;
import io.readmodel.core.change.RowKey;
import io.readmodel.core.position.Lsn;
import io.readmodel.core.position.Position;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every row of some tables read in ONE repeatable-read snapshot, as snapshot changes positioned at a WAL location
 * read just before the snapshot: everything committed before that location is in the snapshot, so merging the
 * snapshot never hides a later change.
 *
 * @param position the position given to every row
 * @param changes one read change per row
 */
public record SourceSnapshot(Position position, List<RowChange> changes) {

    /** Reads the tables of one schema, positioned at the WAL location read just before the snapshot is taken. */
    public static SourceSnapshot read(Connection connection, String schema, Collection<String> tables) throws SQLException {
        Lsn lsn;
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            result.next();
            lsn = Lsn.parse(result.getString(1));
        }
        return readIn(connection, schema, tables, null, new Position(lsn, 0));
    }

    /**
     * Reads the tables of one schema in a snapshot another session exported (a replication slot's, taken at its
     * consistent point: the snapshot holds exactly what the slot will not stream).
     *
     * @param exportedSnapshot the snapshot's name ({@code pg_export_snapshot()}, {@code CREATE_REPLICATION_SLOT})
     * @param position the position given to every row
     */
    public static SourceSnapshot readExported(Connection connection, String schema, Collection<String> tables,
            String exportedSnapshot, Position position) throws SQLException {
        return readIn(connection, schema, tables, exportedSnapshot, position);
    }

    private static SourceSnapshot readIn(Connection connection, String schema, Collection<String> tables,
            String exportedSnapshot, Position position) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            if (exportedSnapshot != null) {
                try (PreparedStatement use = connection.prepareStatement("SET TRANSACTION SNAPSHOT '" + exportedSnapshot.replace("'", "''") + "'")) {
                    use.execute(); // the transaction's first statement, as PostgreSQL requires
                }
            }
            List<RowChange> changes = new ArrayList<>();
            Instant now = Instant.now();
            for (String table : tables) {
                readTable(connection, schema, table, position, now, changes);
            }
            connection.commit();
            return new SourceSnapshot(position, changes);
        } finally {
            connection.rollback();
            connection.setReadOnly(false);
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void readTable(Connection connection, String schema, String table, Position position, Instant readAt,
            List<RowChange> changes) throws SQLException {
        List<String> key = primaryKey(connection, schema, table);
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(10_000);
            try (ResultSet rows = statement.executeQuery("SELECT * FROM " + SourceConnections.qualifiedName(connection, schema, table))) {
                ResultSetMetaData meta = rows.getMetaData();
                int columns = meta.getColumnCount();
                String[] names = new String[columns + 1];
                int[] types = new int[columns + 1];
                String[] typeNames = new String[columns + 1];
                for (int column = 1; column <= columns; column++) {
                    names[column] = meta.getColumnName(column);
                    types[column] = meta.getColumnType(column);
                    typeNames[column] = meta.getColumnTypeName(column);
                }
                while (rows.next()) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int column = 1; column <= columns; column++) {
                        values.put(names[column], JdbcValues.read(rows, column, types[column], typeNames[column]));
                    }
                    List<String> keyParts = key.stream().map(column -> String.valueOf(values.get(column))).toList();
                    changes.add(new RowChange(new RowKey(table, String.join("|", keyParts)), RowChange.Operation.READ, values,
                            Set.of(), position, readAt));
                }
            }
        }
    }

    private static List<String> primaryKey(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT a.attname FROM pg_index i
                JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
                WHERE i.indisprimary AND n.nspname = ? AND c.relname = ? ORDER BY k.ord""")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            List<String> key = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    key.add(result.getString(1));
                }
            }
            if (key.isEmpty()) {
                throw new IllegalStateException("table " + schema + "." + table + " has no primary key");
            }
            return key;
        }
    }
}
