package io.readmodel.core.checkpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the streaming bridge says about itself, for operators: whether it streams, and the progress of an initial
 * snapshot. The bridge rewrites it every second while it streams; a status not rewritten for a few seconds means
 * the bridge is gone (see {@link #isStreaming(Instant, Duration)}).
 *
 * @param slot the replication slot the bridge streams (the document's key)
 * @param streaming whether the bridge was streaming the slot when it wrote this
 * @param updatedAt when it wrote this
 * @param lastError the last stream failure, or {@code null}
 * @param snapshot the latest initial snapshot's progress, or {@code null} when this bridge has not run one
 */
public record BridgeStatus(String slot, boolean streaming, Instant updatedAt, String lastError, Snapshot snapshot) {

    /**
     * Whether the bridge streams now: it said so, and said it recently enough.
     *
     * @param now the current time
     * @param maxAge how old a status may be and still count (a few seconds: the bridge writes it every second)
     */
    public boolean isStreaming(Instant now, Duration maxAge) {
        return streaming && updatedAt != null && Duration.between(updatedAt, now).compareTo(maxAge) <= 0;
    }

    /**
     * Progress of an initial snapshot, which reads the published tables one after another.
     *
     * @param running whether it is still reading
     * @param startedAt when its first row was applied
     * @param finishedAt when its last row was applied, or {@code null} while running
     * @param tables every table it reads, in the order it started them (tables not started yet last)
     */
    public record Snapshot(boolean running, Instant startedAt, Instant finishedAt, List<TableProgress> tables) {

        /** Copies the table list. */
        public Snapshot {
            tables = List.copyOf(tables);
        }

        /** Rows applied so far, over all tables. */
        public long rowsDone() {
            return tables.stream().mapToLong(TableProgress::rowsDone).sum();
        }

        /** Rows expected over all tables (an estimate for large tables: see {@link TableProgress#rowsExpected()}). */
        public long rowsExpected() {
            return tables.stream().mapToLong(table -> Math.max(table.rowsExpected(), table.rowsDone())).sum();
        }

        /** Rows per second since it started (until it finished), 0 before the first second. */
        public double rowsPerSecond(Instant now) {
            Instant end = finishedAt != null ? finishedAt : now;
            double seconds = startedAt == null ? 0 : Duration.between(startedAt, end).toMillis() / 1000.0;
            return seconds <= 0 ? 0 : rowsDone() / seconds;
        }

        /** The estimated time left at the current rate, 0 when finished, {@code null} while the rate is unknown. */
        public Duration timeLeft(Instant now) {
            if (!running) {
                return Duration.ZERO;
            }
            double rate = rowsPerSecond(now);
            if (rate <= 0) {
                return null;
            }
            long left = Math.max(0, rowsExpected() - rowsDone());
            return Duration.ofMillis(Math.round(left / rate * 1000));
        }
    }

    /**
     * One table's snapshot progress.
     *
     * @param table the table's name (without schema)
     * @param rowsDone rows applied
     * @param rowsExpected rows expected: an exact {@code count(*)} for small tables, the planner's estimate
     *     ({@code pg_class.reltuples}) for large ones; -1 when unknown
     * @param done whether the snapshot has read all of it
     */
    public record TableProgress(String table, long rowsDone, long rowsExpected, boolean done) {
    }
}
