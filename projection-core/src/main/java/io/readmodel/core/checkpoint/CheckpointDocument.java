package io.readmodel.core.checkpoint;

import io.readmodel.core.position.Lsn;
import io.readmodel.core.position.Position;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored form of a {@link Checkpoint}: one document per projection in the {@value #COLLECTION} collection,
 * {@code _id} = projection name. Written as a plain map so that both the sync and the reactive MongoDB
 * drivers can use it ({@code org.bson.Document} is a {@code Map<String, Object>}).
 */
public final class CheckpointDocument {

    /** The collection holding checkpoints. */
    public static final String COLLECTION = "checkpoints";

    static final String APPLIED_LSN = "appliedLsn";
    static final String APPLIED_LSN_VALUE = "appliedLsnValue";
    static final String POSITION = "position";
    static final String SOURCE_COMMIT_TIME = "sourceCommitTime";
    static final String APPLIED_AT = "appliedAt";
    static final String HEARTBEAT_AT = "heartbeatAt";
    static final String EVENTS_APPLIED = "eventsApplied";

    private CheckpointDocument() {
    }

    /** The fields to store (without {@code _id}). */
    public static Map<String, Object> toFields(Checkpoint checkpoint) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(APPLIED_LSN, checkpoint.appliedLsn().toString());
        fields.put(APPLIED_LSN_VALUE, checkpoint.appliedLsn().value());
        fields.put(POSITION, checkpoint.position().toString());
        fields.put(SOURCE_COMMIT_TIME, toDate(checkpoint.sourceCommitTime()));
        fields.put(APPLIED_AT, toDate(checkpoint.appliedAt()));
        fields.put(HEARTBEAT_AT, toDate(checkpoint.heartbeatAt()));
        if (checkpoint.eventsApplied() != null) {
            fields.put(EVENTS_APPLIED, checkpoint.eventsApplied());
        }
        return fields;
    }

    /**
     * Reads a stored checkpoint document ({@code _id} holds the projection name). Optional fields a document
     * written by an older bridge lacks ({@code eventsApplied}) read as {@code null}.
     */
    public static Checkpoint fromDocument(Map<String, Object> document) {
        return new Checkpoint(
                String.valueOf(document.get("_id")),
                Lsn.parse((String) document.get(APPLIED_LSN)),
                Position.parse((String) document.get(POSITION)),
                toInstant(document.get(SOURCE_COMMIT_TIME)),
                toInstant(document.get(APPLIED_AT)),
                toInstant(document.get(HEARTBEAT_AT)),
                document.get(EVENTS_APPLIED) instanceof Number events ? events.longValue() : null);
    }

    private static Date toDate(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant toInstant(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }
}
