package io.readmodel.readapi.status;

import io.readmodel.core.checkpoint.BridgeStatus;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code GET /status/summary}: what the status page shows as numbers.
 *
 * @param now when it was computed
 * @param bridge the streaming bridge as it last reported itself
 * @param deadLetters changes kept in the {@code dead_letters} collection (all projections), -1 when unknown
 * @param projections one entry per checkpoint
 */
public record StatusSummary(Instant now, Bridge bridge, long deadLetters, List<Projection> projections) {

    /**
     * The bridge.
     *
     * @param streaming whether it streams: it said so less than {@code readapi.status.bridge-stale-after} ago
     * @param reported whether it ever wrote a status (older bridges do not)
     * @param updatedAt when it last wrote its status, or null
     * @param lastError its last stream failure, or null
     * @param snapshot the initial snapshot's progress, or null when it ran none since it started
     */
    public record Bridge(boolean streaming, boolean reported, Instant updatedAt, String lastError, Snapshot snapshot) {
    }

    /**
     * An initial snapshot's progress.
     *
     * @param running whether it still reads
     * @param startedAt when its first row was applied
     * @param finishedAt when its last row was applied, or null
     * @param rowsDone rows applied
     * @param rowsExpected rows expected (exact for small tables, estimated for large ones)
     * @param rowsPerSecond the average rate so far
     * @param secondsLeft the estimated time left, or null while unknown
     * @param tables per table
     */
    public record Snapshot(boolean running, Instant startedAt, Instant finishedAt, long rowsDone, long rowsExpected,
            double rowsPerSecond, Double secondsLeft, List<BridgeStatus.TableProgress> tables) {

        static Snapshot of(BridgeStatus.Snapshot snapshot, Instant now) {
            var left = snapshot.timeLeft(now);
            return new Snapshot(snapshot.running(), snapshot.startedAt(), snapshot.finishedAt(), snapshot.rowsDone(),
                    snapshot.rowsExpected(), snapshot.rowsPerSecond(now), left == null ? null : left.toMillis() / 1000.0,
                    snapshot.tables());
        }
    }

    /**
     * One projection.
     *
     * @param projection its name
     * @param lagSeconds now minus the source commit time of the last change or heartbeat it applied
     * @param eventsPerSecond row changes of its tables applied per second, over the last sample interval
     * @param eventsApplied the cumulative count, or null when the bridge does not record it
     * @param appliedLsn every transaction committed at or before it is reflected
     * @param position the last change or heartbeat applied
     * @param sourceCommitTime its source commit time
     * @param appliedAt when the bridge's write was acknowledged
     * @param heartbeatAt the source time of the latest heartbeat applied, or null
     */
    public record Projection(String projection, double lagSeconds, double eventsPerSecond, Long eventsApplied,
            String appliedLsn, String position, Instant sourceCommitTime, Instant appliedAt, Instant heartbeatAt) {
    }
}
