package io.readmodel.core.checkpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a {@link BridgeStatus}: one document per replication slot in the {@value #COLLECTION}
 * collection, {@code _id} = slot name. Plain maps, like {@link CheckpointDocument}, so that both MongoDB drivers
 * can use it. Readers must tolerate its absence (a bridge older than this document, or one that never streamed).
 */
public final class BridgeStatusDocument {

    /** The collection holding bridge statuses. */
    public static final String COLLECTION = "bridge_status";

    private BridgeStatusDocument() {
    }

    /** The fields to store (without {@code _id}). */
    public static Map<String, Object> toFields(BridgeStatus status) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("streaming", status.streaming());
        fields.put("updatedAt", toDate(status.updatedAt()));
        fields.put("lastError", status.lastError());
        BridgeStatus.Snapshot snapshot = status.snapshot();
        if (snapshot != null) {
            Map<String, Object> stored = new LinkedHashMap<>();
            stored.put("running", snapshot.running());
            stored.put("startedAt", toDate(snapshot.startedAt()));
            stored.put("finishedAt", toDate(snapshot.finishedAt()));
            List<Map<String, Object>> tables = new ArrayList<>();
            for (BridgeStatus.TableProgress table : snapshot.tables()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("table", table.table());
                row.put("rowsDone", table.rowsDone());
                row.put("rowsExpected", table.rowsExpected());
                row.put("done", table.done());
                tables.add(row);
            }
            stored.put("tables", tables);
            fields.put("snapshot", stored);
        }
        return fields;
    }

    /** Reads a stored status document ({@code _id} holds the slot name); missing fields read as false/null/0. */
    public static BridgeStatus fromDocument(Map<String, Object> document) {
        BridgeStatus.Snapshot snapshot = null;
        if (document.get("snapshot") instanceof Map<?, ?> stored) {
            List<BridgeStatus.TableProgress> tables = new ArrayList<>();
            if (stored.get("tables") instanceof List<?> rows) {
                for (Object row : rows) {
                    if (row instanceof Map<?, ?> table) {
                        tables.add(new BridgeStatus.TableProgress(String.valueOf(table.get("table")),
                                number(table.get("rowsDone"), 0), number(table.get("rowsExpected"), -1),
                                Boolean.TRUE.equals(table.get("done"))));
                    }
                }
            }
            snapshot = new BridgeStatus.Snapshot(Boolean.TRUE.equals(stored.get("running")), toInstant(stored.get("startedAt")),
                    toInstant(stored.get("finishedAt")), tables);
        }
        Object lastError = document.get("lastError");
        return new BridgeStatus(String.valueOf(document.get("_id")), Boolean.TRUE.equals(document.get("streaming")),
                toInstant(document.get("updatedAt")), lastError == null ? null : lastError.toString(), snapshot);
    }

    private static long number(Object value, long otherwise) {
        return value instanceof Number number ? number.longValue() : otherwise;
    }

    private static Date toDate(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant toInstant(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }
}
