package io.readmodel.readapi.lag;

import io.readmodel.core.checkpoint.Checkpoint;
import java.time.Instant;
import java.util.Optional;

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
 * @param servedLsn what a read by key of the projection reflects at least right now: the position the document
 *     cache is valid through while it serves the projection, else the checkpoint read-api last read (at most a poll
 *     older than {@code appliedLsn}); null before read-api has read any
 * @param servedLagSeconds now minus the source commit time of {@code servedLsn}, in seconds (the staleness gauge),
 *     null with it
 */
public record ProjectionLag(String projection, String appliedLsn, String position, Instant sourceCommitTime,
        Instant appliedAt, Instant heartbeatAt, double lagSeconds, String servedLsn, Double servedLagSeconds) {

    /** The lag of a checkpoint at the given moment, with what reads by key reflect ({@code served}) if known. */
    public static ProjectionLag of(Checkpoint checkpoint, Optional<Checkpoint> served, Instant now) {
        return new ProjectionLag(checkpoint.projection(), checkpoint.appliedLsn().toString(),
                checkpoint.position().toString(), checkpoint.sourceCommitTime(), checkpoint.appliedAt(),
                checkpoint.heartbeatAt(), seconds(checkpoint, now),
                served.map(known -> known.appliedLsn().toString()).orElse(null),
                served.map(known -> seconds(known, now)).orElse(null));
    }

    /** {@link Checkpoint#lag(Instant)} in seconds. */
    static double seconds(Checkpoint checkpoint, Instant now) {
        return checkpoint.lag(now).toNanos() / 1e9;
    }
}
