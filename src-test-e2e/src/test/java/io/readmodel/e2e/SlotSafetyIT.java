package io.readmodel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slot and WAL safety: while the published tables are idle but another table is busy, the bridge's heartbeats keep
 * the slot's confirmed position advancing, so the WAL the slot retains stays bounded; the bridge reports it in
 * {@code readmodel_bridge_slot_retained_wal_bytes}, measured every {@code bridge.slot-check-interval} (1 s here).
 */
class SlotSafetyIT {

    private static final String RETAINED = "readmodel_bridge_slot_retained_wal_bytes";
    private static Pipeline pipeline;

    @BeforeAll
    static void startPipeline() throws Exception {
        // as an environment variable: the bridge refuses -Dbridge.slot-check-interval (see the test below)
        pipeline = Pipeline.named("slot-safety").bridgeEnvironment("BRIDGE_SLOT_CHECK_INTERVAL", "1s").start();
        // a table the projections do not read: not in the publication, its changes never reach the bridge
        pipeline.execute("CREATE TABLE audit_events (id BIGSERIAL PRIMARY KEY, payload TEXT NOT NULL)");
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void heartbeatsKeepTheRetainedWalBoundedWhileOnlyAnUnpublishedTableIsWritten() throws Exception {
        try (Connection connection = pipeline.sql(); Statement statement = connection.createStatement();
                var published = statement.executeQuery("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_publication_tables"
                        + " WHERE pubname = 'readmodel'")) {
            published.next();
            assertThat(published.getString(1)).as("published tables").doesNotContain("audit_events");
        }
        awaitMetric();

        long walAtStart = Slot.currentWal(pipeline);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong rows = new AtomicLong();
        Thread writer = new Thread(() -> {
            try (Connection connection = pipeline.sql(); Statement statement = connection.createStatement()) {
                while (writing.get()) {
                    rows.addAndGet(statement.executeUpdate("INSERT INTO audit_events (payload) SELECT repeat(md5(random()::text), 16)"
                            + " FROM generate_series(1, 500)"));
                    statement.executeUpdate("DELETE FROM audit_events WHERE id < (SELECT max(id) - 5000 FROM audit_events)");
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "unpublished-writer");
        writer.start();

        List<Long> metricSamples = new ArrayList<>();
        List<Long> sqlSamples = new ArrayList<>();
        List<Double> lagSamples = new ArrayList<>();
        Instant until = Instant.now().plusSeconds(25);
        while (Instant.now().isBefore(until)) {
            Thread.sleep(1000);
            metricSamples.add((long) Metrics.sample(pipeline.bridge, RETAINED).orElse(-1));
            sqlSamples.add(Slot.state(pipeline, "readmodel").retained());
            lagSamples.add(Metrics.sample(pipeline.bridge, "readmodel_bridge_source_lag_seconds{projection=\"orders\"}").orElse(-1));
        }
        writing.set(false);
        writer.join();
        long written = Slot.currentWal(pipeline) - walAtStart;

        // idle again: the slot catches up with the server within a few heartbeats
        Thread.sleep(4000);
        long retainedAfter = (long) Metrics.sample(pipeline.bridge, RETAINED).orElse(-1);
        long maxRetained = metricSamples.stream().mapToLong(Long::longValue).max().orElseThrow();
        long maxRetainedSql = sqlSamples.stream().mapToLong(Long::longValue).max().orElseThrow();
        long distinct = metricSamples.stream().distinct().count();

        System.out.printf("unpublished table only, 25 s: %d rows, %d MB of WAL written; retained WAL (metric, every 1 s) max %d kB,"
                + " samples (kB) %s; retained WAL (pg_replication_slots) max %d kB; orders lag samples %s; 4 s after the writes stopped %d bytes%n",
                rows.get(), written >> 20, maxRetained >> 10, metricSamples.stream().map(v -> v >> 10).toList(), maxRetainedSql >> 10,
                lagSamples, retainedAfter);

        assertThat(written).as("WAL written by the unpublished writer").isGreaterThan(50L << 20);
        assertThat(metricSamples).as("the metric is measured").allMatch(v -> v >= 0);
        assertThat(distinct).as("the metric is measured about every second: distinct values in %s", metricSamples)
                .isGreaterThanOrEqualTo(metricSamples.size() / 2);
        // bounded: the slot never retains more than a few seconds' worth of this writer's WAL, far from all of it
        assertThat(maxRetained).as("highest retained WAL vs %d bytes written", written).isLessThan(written / 4);
        assertThat(maxRetainedSql).isLessThan(written / 4);
        assertThat(retainedAfter).as("retained WAL once the writer stopped").isLessThan(1L << 20);
        // heartbeats keep the checkpoint fresh too: lag is honest while the published tables are idle
        assertThat(lagSamples).allMatch(lag -> lag >= 0 && lag < 5);
        JsonNode report = Reconciliation.awaitZeroDrift(pipeline, "orders", Duration.ofSeconds(60));
        assertThat(report.get("drift").asInt()).isZero();
    }

    @Test
    void theSlotCheckIntervalIsAcceptedAsASystemProperty() {
        // the README and the issue name the property bridge.slot-check-interval; a bridge given it must start
        AppProcess bridge = pipeline.startAnotherBridge("cdc-bridge-slot-check-property", Map.of("bridge.slot-check-interval", "1s",
                "bridge.enabled", "false"));
        try {
            bridge.awaitStatus("/q/health/live", 200, Duration.ofSeconds(120));
        } finally {
            bridge.stop();
        }
    }

    private static void awaitMetric() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            OptionalDouble value = Metrics.sample(pipeline.bridge, RETAINED);
            if (value.isPresent() && value.getAsDouble() >= 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(RETAINED + " not reported: " + Http.get(pipeline.bridge.url("/q/metrics"), Map.of()).raw().body());
    }
}
