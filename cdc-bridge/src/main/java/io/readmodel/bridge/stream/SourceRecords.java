package io.readmodel.bridge.stream;

import io.readmodel.core.change.RowChange.Operation;
import io.readmodel.core.change.RowKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/** Reads Debezium's Postgres connector records (Connect format, transaction metadata on) into {@link SourceEvent}s. */
public final class SourceRecords {

    private SourceRecords() {
    }

    /** The event a record carries. */
    public static SourceEvent parse(SourceRecord record) {
        String topic = record.topic();
        if (!(record.value() instanceof Struct value)) {
            return new SourceEvent.Other();
        }
        if (topic.endsWith(".transaction")) {
            return "END".equals(value.getString("status"))
                    ? new SourceEvent.Commit(offsetLong(record, "lsn_commit"), Instant.ofEpochMilli(value.getInt64("ts_ms")))
                    : new SourceEvent.Begin();
        }
        if (topic.endsWith(".message") && value.schema().field("message") != null) {
            Struct message = value.getStruct("message");
            Struct source = value.getStruct("source");
            return new SourceEvent.Message(message.getString("prefix"), source.getInt64("lsn"), text(message.get("content")));
        }
        if (value.schema().field("op") != null && value.schema().field("source") != null && record.key() instanceof Struct key) {
            return rowEvent(value, key);
        }
        return new SourceEvent.Other();
    }

    private static SourceEvent rowEvent(Struct value, Struct key) {
        Struct source = value.getStruct("source");
        Operation operation = switch (value.getString("op")) {
            case "r" -> Operation.READ;
            case "c" -> Operation.CREATE;
            case "u" -> Operation.UPDATE;
            case "d" -> Operation.DELETE;
            default -> throw new IllegalArgumentException("unknown operation " + value.getString("op"));
        };
        Set<String> unavailable = new HashSet<>();
        Map<String, Object> values = operation == Operation.DELETE ? null : ValueMapper.columns(value.getStruct("after"), unavailable);
        String snapshot = source.getString("snapshot");
        boolean isSnapshot = snapshot != null && !"false".equals(snapshot);
        Long micros = source.getInt64("ts_us");
        Instant commitTime = micros != null ? Instant.EPOCH.plus(micros, ChronoUnit.MICROS) : Instant.ofEpochMilli(source.getInt64("ts_ms"));
        return new SourceEvent.RowEvent(new RowKey(source.getString("table"), ValueMapper.key(key)), operation, values,
                unavailable, source.getInt64("lsn"), commitTime, isSnapshot, "last".equals(snapshot));
    }

    private static long offsetLong(SourceRecord record, String key) {
        Object value = record.sourceOffset().get(key);
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalStateException("record on " + record.topic() + " has no offset '" + key + "': " + record.sourceOffset());
    }

    private static String text(Object content) {
        if (content instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (content instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return content == null ? "" : content.toString();
    }
}
