package io.readmodel.bridge.reconcile;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads JDBC column values into exactly the representation the change stream gives them (see
 * {@code ValueMapper}), so that documents computed from a SQL snapshot compare equal to streamed ones.
 */
final class JdbcValues {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private JdbcValues() {
    }

    static Object read(ResultSet rows, int column, int sqlType, String typeName) throws SQLException {
        Object raw = rows.getObject(column);
        if (raw == null) {
            return null;
        }
        switch (typeName) {
            case "timestamptz":
                return INSTANT.format(rows.getObject(column, OffsetDateTime.class).toInstant());
            case "timestamp":
                return LOCAL.format(rows.getObject(column, LocalDateTime.class));
            case "date":
                return rows.getObject(column, LocalDate.class).toString();
            case "time":
                return rows.getObject(column, LocalTime.class).toString();
            case "json":
            case "jsonb":
                return rows.getString(column);
            default:
                break;
        }
        switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER:
                return rows.getInt(column);
            case Types.BIGINT:
                return rows.getLong(column);
            case Types.REAL, Types.FLOAT, Types.DOUBLE:
                return rows.getDouble(column);
            case Types.NUMERIC, Types.DECIMAL:
                return rows.getBigDecimal(column);
            case Types.BIT, Types.BOOLEAN:
                return rows.getBoolean(column);
            default:
                break;
        }
        if (raw instanceof UUID uuid) {
            return uuid.toString();
        }
        if (raw instanceof Array array) {
            List<Object> values = new ArrayList<>();
            try (ResultSet elements = array.getResultSet()) {
                int elementType = array.getBaseType();
                String elementName = array.getBaseTypeName();
                while (elements.next()) {
                    values.add(read(elements, 2, elementType, elementName));
                }
            }
            return values;
        }
        if (raw instanceof BigDecimal || raw instanceof Boolean || raw instanceof String || raw instanceof byte[]) {
            return raw;
        }
        return sqlType == Types.OTHER ? rows.getString(column) : raw.toString();
    }
}
