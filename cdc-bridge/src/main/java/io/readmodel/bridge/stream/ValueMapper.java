package io.readmodel.bridge.stream;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Maps a Debezium row struct to plain values MongoDB stores faithfully: integers stay integers, numeric stays
 * exact ({@link BigDecimal}, stored as Decimal128), timestamps with zone become ISO-8601 UTC text with exactly six
 * fraction digits (no loss of PostgreSQL's microseconds, and it sorts as text), dates and times ISO text, uuid and
 * json text, arrays lists, bytea bytes. Values the log did not carry (unchanged TOASTed columns) are reported,
 * never stored.
 */
public final class ValueMapper {

    /** What Debezium writes in place of an unchanged TOASTed value it did not receive. */
    public static final String UNAVAILABLE = "__debezium_unavailable_value";

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private ValueMapper() {
    }

    /**
     * The row's columns.
     *
     * @param row the struct ({@code after} of a change)
     * @param unavailable receives the columns whose value the log left out
     */
    public static Map<String, Object> columns(Struct row, Set<String> unavailable) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : row.schema().fields()) {
            Object raw = row.get(field);
            if (isUnavailable(raw)) {
                unavailable.add(field.name());
                continue;
            }
            values.put(field.name(), value(field.schema(), raw));
        }
        return values;
    }

    /** The key columns' values joined into a row key text. */
    public static String key(Struct key) {
        List<String> parts = new ArrayList<>();
        for (Field field : key.schema().fields()) {
            parts.add(String.valueOf(value(field.schema(), key.get(field))));
        }
        return String.join("|", parts);
    }

    private static boolean isUnavailable(Object raw) {
        if (UNAVAILABLE.equals(raw)) {
            return true;
        }
        if (raw instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return UNAVAILABLE.equals(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (raw instanceof byte[] bytes) {
            return UNAVAILABLE.equals(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
        return raw instanceof List<?> list && list.size() == 1 && isUnavailable(list.get(0));
    }

    static Object value(Schema schema, Object raw) {
        if (raw == null) {
            return null;
        }
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case "io.debezium.time.ZonedTimestamp":
                    return INSTANT.format(OffsetDateTime.parse((String) raw).toInstant());
                case "io.debezium.time.MicroTimestamp":
                    return LOCAL.format(LocalDateTime.ofEpochSecond(Math.floorDiv((Long) raw, 1_000_000L),
                            (int) Math.floorMod((Long) raw, 1_000_000L) * 1000, ZoneOffset.UTC));
                case "io.debezium.time.Timestamp":
                    return LOCAL.format(LocalDateTime.ofInstant(Instant.ofEpochMilli((Long) raw), ZoneOffset.UTC));
                case "io.debezium.time.Date":
                    return LocalDate.ofEpochDay(((Number) raw).longValue()).toString();
                case "io.debezium.time.MicroTime":
                    return LocalTime.ofNanoOfDay(((Number) raw).longValue() * 1000).toString();
                case "io.debezium.time.Time":
                    return LocalTime.ofNanoOfDay(((Number) raw).longValue() * 1_000_000).toString();
                case "io.debezium.data.VariableScaleDecimal": {
                    Struct struct = (Struct) raw;
                    return new BigDecimal(new BigInteger(struct.getBytes("value")), struct.getInt32("scale"));
                }
                case Decimal.LOGICAL_NAME:
                    return raw;
                default:
                    break;
            }
        }
        return switch (schema.type()) {
            case INT8, INT16 -> ((Number) raw).intValue();
            case FLOAT32 -> ((Number) raw).doubleValue();
            case BYTES -> raw instanceof ByteBuffer buffer ? bytes(buffer) : raw;
            case ARRAY -> ((List<?>) raw).stream().map(element -> value(schema.valueSchema(), element)).toList();
            case STRUCT -> columns((Struct) raw, new java.util.HashSet<>());
            default -> raw;
        };
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
