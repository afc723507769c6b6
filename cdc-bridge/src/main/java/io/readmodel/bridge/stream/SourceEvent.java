package io.readmodel.bridge.stream;

import io.readmodel.core.change.RowChange.Operation;
import io.readmodel.core.change.RowKey;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** What one record of Debezium's stream means to the bridge. */
public sealed interface SourceEvent {

    /** A transaction starts; its row changes follow, then its {@link Commit}. */
    record Begin() implements SourceEvent {
    }

    /**
     * A row change, inside a transaction or read by the snapshot.
     *
     * @param row the row
     * @param operation the change
     * @param values the row after the change, or {@code null} for a delete
     * @param unavailable columns the log left out (unchanged TOASTed values)
     * @param lsn the change's own LSN (its order inside its transaction); for snapshot reads the snapshot's LSN
     * @param commitTime its transaction's commit time (the snapshot's time for snapshot reads)
     * @param snapshot whether the initial snapshot read it
     * @param lastOfSnapshot whether it is the snapshot's last row
     */
    record RowEvent(RowKey row, Operation operation, Map<String, Object> values, Set<String> unavailable, long lsn,
            Instant commitTime, boolean snapshot, boolean lastOfSnapshot) implements SourceEvent {
    }

    /**
     * A transaction committed.
     *
     * @param commitLsn the end of its commit record: the position of all its changes
     * @param commitTime when it committed
     */
    record Commit(long commitLsn, Instant commitTime) implements SourceEvent {
    }

    /**
     * A non-transactional logical message ({@code pg_logical_emit_message}): a heartbeat or a consistency token.
     * Everything committed before it has been delivered before it.
     *
     * @param prefix its prefix
     * @param lsn its WAL location
     * @param content its content as text
     */
    record Message(String prefix, long lsn, String content) implements SourceEvent {
    }

    /** Anything else (Debezium's own heartbeat records). */
    record Other() implements SourceEvent {
    }
}
