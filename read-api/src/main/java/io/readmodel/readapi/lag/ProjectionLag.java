package io.readmodel.readapi.lag;

import io.readmodel.core.checkpoint.Checkpoint;
import java.time.Instant;

/**
 * How far one projection is behind its source, as {@code GET /lag} reports it.
 *
 * @param projection the projection's name
 * @param appliedLsn every transaction committed at or before this LSN is reflected
 * @param position the last change or heartbeat applied
 * @param sourceCommitTime the source commit time of that change or heartbeat
 * @param appliedAt when the bridge's write of it was acknowledged
 * @param heartbeatAt the source time of the latest heartbeat applied, or null before the first
 * @param lagSeconds now minus {@code sourceCommitTime}, in seconds, never negative
 */
public record ProjectionLag(String projection, String appliedLsn, String position, Instant sourceCommitTime,
        Instant appliedAt, Instant heartbeatAt, double lagSeconds) {

    /** The lag of a checkpoint at the given moment. */
    public static ProjectionLag of(Checkpoint checkpoint, Instant now) {
        return new ProjectionLag(checkpoint.projection(), checkpoint.appliedLsn().toString(),
                checkpoint.position().toString(), checkpoint.sourceCommitTime(), checkpoint.appliedAt(),
                checkpoint.heartbeatAt(), seconds(checkpoint, now));
    }

    /** {@link Checkpoint#lag(Instant)} in seconds. */
    static double seconds(Checkpoint checkpoint, Instant now) {
        return checkpoint.lag(now).toNanos() / 1e9;
    }
}
