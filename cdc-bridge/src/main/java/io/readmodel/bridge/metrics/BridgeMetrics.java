package io.readmodel.bridge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.readmodel.core.change.RowChange;
import io.readmodel.core.checkpoint.Checkpoint;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bridge's metrics (names are a contract; Prometheus base units): {@code readmodel_bridge_events_total{table,op}},
 * {@code readmodel_bridge_source_lag_seconds{projection}}, {@code readmodel_bridge_commit_to_applied_seconds}
 * (histogram), {@code readmodel_bridge_documents_written_total{projection}}, {@code readmodel_bridge_errors_total}, {@code readmodel_bridge_dead_letters_total},
 * {@code readmodel_bridge_applied_lsn{projection}}; the initial snapshot's progress:
 * {@code readmodel_bridge_snapshot_rows_total{table}} (rows applied), {@code readmodel_bridge_snapshot_rows_expected{table}}
 * (rows the table holds: exact for small tables, the planner's estimate for large ones) and
 * {@code readmodel_bridge_snapshot_running} (1 while a snapshot runs).
 */
@ApplicationScoped
public class BridgeMetrics {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Timer commitToApplied;
    private final Counter errors;
    private final Counter deadLetters;
    private final Map<String, Checkpoint> checkpoints = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> snapshotExpected = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger snapshotRunning = new java.util.concurrent.atomic.AtomicInteger();

    BridgeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.clock = Clock.systemUTC();
        this.commitToApplied = Timer.builder("readmodel.bridge.commit.to.applied")
                .description("Time from a change's source commit to its MongoDB write being acknowledged")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        this.errors = Counter.builder("readmodel.bridge.errors").description("Failed batches and stream failures").register(registry);
        this.deadLetters = Counter.builder("readmodel.bridge.dead.letters").description("Changes kept as dead letters").register(registry);
        io.micrometer.core.instrument.Gauge.builder("readmodel.bridge.snapshot.running", snapshotRunning, java.util.concurrent.atomic.AtomicInteger::get)
                .description("1 while an initial snapshot runs").register(registry);
    }

    /** Records rows of a table that the initial snapshot applied. */
    public void snapshotRows(String table, long rows) {
        registry.counter("readmodel.bridge.snapshot.rows", "table", table).increment(rows);
    }

    /** Records how many rows the initial snapshot expects a table to hold. */
    public void snapshotExpected(String table, long rows) {
        snapshotExpected.computeIfAbsent(table, name -> {
            java.util.concurrent.atomic.AtomicLong expected = new java.util.concurrent.atomic.AtomicLong();
            io.micrometer.core.instrument.Gauge.builder("readmodel.bridge.snapshot.rows.expected", expected,
                    java.util.concurrent.atomic.AtomicLong::get).tag("table", name)
                    .description("Rows the initial snapshot expects the table to hold").register(registry);
            return expected;
        }).set(rows);
    }

    /** Records whether an initial snapshot runs. */
    public void snapshotRunning(boolean running) {
        snapshotRunning.set(running ? 1 : 0);
    }

    /** Records changes whose writes were just acknowledged. */
    public void applied(Iterable<RowChange> changes, Instant appliedAt) {
        java.util.Map<java.util.List<String>, Integer> counts = new java.util.HashMap<>();
        for (RowChange change : changes) {
            counts.merge(java.util.List.of(change.row().table(), operation(change)), 1, Integer::sum);
            if (change.operation() != RowChange.Operation.READ && change.commitTime() != null) {
                Duration latency = Duration.between(change.commitTime(), appliedAt);
                commitToApplied.record(latency.isNegative() ? Duration.ZERO : latency);
            }
        }
        counts.forEach((tableAndOp, count) ->
                registry.counter("readmodel.bridge.events", "table", tableAndOp.get(0), "op", tableAndOp.get(1)).increment(count));
    }

    /** Records documents written for a projection. */
    public void documentsWritten(String projection, int count) {
        registry.counter("readmodel.bridge.documents.written", "projection", projection).increment(count);
    }

    /** Records a change kept as a dead letter. */
    public void deadLetter() {
        deadLetters.increment();
    }

    /** Records a failure. */
    public void error() {
        errors.increment();
    }

    /** Publishes a projection's latest checkpoint (lag and position gauges follow it). */
    public void checkpoint(Checkpoint checkpoint) {
        if (checkpoints.put(checkpoint.projection(), checkpoint) == null) {
            String projection = checkpoint.projection();
            registry.gauge("readmodel.bridge.source.lag.seconds", io.micrometer.core.instrument.Tags.of("projection", projection),
                    checkpoints, all -> all.get(projection).lag(clock.instant()).toNanos() / 1e9);
            registry.gauge("readmodel.bridge.applied.lsn", io.micrometer.core.instrument.Tags.of("projection", projection),
                    checkpoints, all -> (double) all.get(projection).appliedLsn().value());
        }
    }

    private static String operation(RowChange change) {
        return switch (change.operation()) {
            case READ -> "r";
            case CREATE -> "c";
            case UPDATE -> "u";
            case DELETE -> "d";
        };
    }
}
