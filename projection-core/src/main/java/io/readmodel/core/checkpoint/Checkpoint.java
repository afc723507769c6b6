package io.readmodel.core.checkpoint;

import io.readmodel.core.position.Lsn;
import io.readmodel.core.position.Position;
import java.time.Duration;
import java.time.Instant;

/**
 * How far one projection has got, as the bridge records it and read-api reads it.
 *
 * @param projection the projection's name (also its collection's name)
 * @param appliedLsn every transaction that committed at or before this WAL location is reflected in the read
 *     model; consistency tokens compare against it
 * @param position the position of the last change (or heartbeat) applied
 * @param sourceCommitTime the source commit time of the last change or heartbeat applied
 * @param appliedAt when the bridge acknowledged that write
 * @param heartbeatAt the source time of the latest heartbeat applied, or {@code null} before the first
 * @param eventsApplied how many row changes of the projection's tables the bridge has applied so far (cumulative,
 *     a counter: throughput is its rate), or {@code null} when the writer did not record it (older bridges)
 */
public record Checkpoint(String projection, Lsn appliedLsn, Position position, Instant sourceCommitTime,
        Instant appliedAt, Instant heartbeatAt, Long eventsApplied) {

    /** A checkpoint without an events count (as written before the count existed). */
    public Checkpoint(String projection, Lsn appliedLsn, Position position, Instant sourceCommitTime,
            Instant appliedAt, Instant heartbeatAt) {
        this(projection, appliedLsn, position, sourceCommitTime, appliedAt, heartbeatAt, null);
    }

    /**
     * Source lag: now minus the commit time of the last event or heartbeat applied, never negative (clocks of
     * different hosts may disagree by a little).
     */
    public Duration lag(Instant now) {
        if (sourceCommitTime == null) {
            return Duration.ZERO;
        }
        Duration lag = Duration.between(sourceCommitTime, now);
        return lag.isNegative() ? Duration.ZERO : lag;
    }
}
