package io.readmodel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Is the lag read-api reports the truth? Ground truth is measured from outside: a marker row is committed with plain
 * SQL (its commit time is the client's clock right after {@code COMMIT} returns) while a steady load of orders runs,
 * and read-api is polled until it first serves the marker. The reported lag ({@code GET /lag}'s {@code lagSeconds},
 * sampled in the same poll loop, just before the marker appears) must agree with that measured delay within
 * {@link #TOLERANCE_SECONDS}. Then: idle, the reported lag stays near zero (heartbeats); bridge stopped, it grows in
 * step with the clock.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LagTruthIT {

    /**
     * What the reported lag may differ from the measured one by. Both sides are sampled every few milliseconds,
     * and the checkpoint is written right after the documents; what remains is one batch (the checkpoint passes
     * the marker in the same batch that writes it) plus the polls' own latency. Measured on this machine:
     * well under this (see the test's output, "max |reported - measured|").
     */
    static final double TOLERANCE_SECONDS = 0.5;
    private static final int ORDERS_PER_SECOND = 80;
    private static final int MARKERS = 12;

    private static Pipeline pipeline;

    @BeforeAll
    static void start() throws Exception {
        pipeline = Pipeline.start("lag-truth");
        pipeline.execute("""
                INSERT INTO customers (id, name, email, city) VALUES (1, 'Load', 'load@example.com', 'Lyon');
                INSERT INTO products (id, sku, name, price_cents, stock) VALUES (1, 'LOAD', 'Load', 100, 1000000);
                SELECT setval('customers_id_seq', 1000);
                """);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void reportedLagAgreesWithTheMeasuredDelayOfMarkerRowsUnderSteadyLoad() throws Exception {
        awaitLagBelow(2.0, Duration.ofSeconds(60));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong placed = new AtomicLong();
        Thread load = new Thread(() -> steadyLoad(running, placed), "steady-load");
        load.start();
        List<double[]> pairs = new ArrayList<>();
        try {
            Thread.sleep(3000); // let the load settle
            try (Connection sql = pipeline.sql()) {
                sql.setAutoCommit(false);
                for (int i = 0; i < MARKERS; i++) {
                    pairs.add(measureOneMarker(sql, i));
                    Thread.sleep(700);
                }
            }
        } finally {
            running.set(false);
            load.join();
        }

        double maxDifference = 0;
        for (double[] pair : pairs) {
            maxDifference = Math.max(maxDifference, Math.abs(pair[0] - pair[1]));
        }
        System.out.printf("lag truth under %d orders/s (%d placed): measured vs reported lag per marker (s): %s;"
                + " max |reported - measured| = %.3f s%n", ORDERS_PER_SECOND, placed.get(), describe(pairs), maxDifference);
        assertThat(placed.get()).as("the load ran").isGreaterThan(ORDERS_PER_SECOND * 5L);
        assertThat(maxDifference).as("max |reported - measured| over %d markers", MARKERS).isLessThanOrEqualTo(TOLERANCE_SECONDS);
    }

    @Test
    @Order(2)
    void whileTheSourceIsIdleTheReportedLagStaysNearZero() throws Exception {
        Thread.sleep(1000); // the load of the previous test has drained
        double max = 0;
        Instant end = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(end)) {
            max = Math.max(max, lagSeconds("orders"));
            max = Math.max(max, lagSeconds("customers"));
            Thread.sleep(200);
        }
        System.out.printf("idle: max reported lag over 10 s = %.3f s%n", max);
        assertThat(max).as("max lag while idle (heartbeats every 500 ms in the e2e pipeline)").isLessThan(1.5);
    }

    @Test
    @Order(3)
    void whenTheBridgeIsStoppedTheReportedLagGrowsInStepWithTheClock() throws Exception {
        pipeline.bridge.stop();
        try {
            Thread.sleep(500);
            long t0 = System.nanoTime();
            double lag0 = lagSeconds("orders");
            Thread.sleep(10_000);
            long t1 = System.nanoTime();
            double lag1 = lagSeconds("orders");
            double slope = (lag1 - lag0) / ((t1 - t0) / 1e9);
            System.out.printf("bridge stopped: lag %.3f s -> %.3f s over %.3f s, slope %.3f%n", lag0, lag1, (t1 - t0) / 1e9, slope);
            assertThat(slope).as("lag growth per second of clock while the bridge is stopped").isBetween(0.8, 1.2);
        } finally {
            pipeline.restartBridge();
        }
        awaitLagBelow(2.0, Duration.ofSeconds(60));
    }

    /** Commits one marker customer and measures [measured, reported] in seconds. */
    private static double[] measureOneMarker(Connection sql, int i) throws Exception {
        long id;
        try (PreparedStatement insert = sql.prepareStatement(
                "INSERT INTO customers (name, email, city) VALUES (?, ?, 'Marker') RETURNING id")) {
            insert.setString(1, "marker " + i);
            insert.setString(2, "marker" + i + "@example.com");
            try (ResultSet result = insert.executeQuery()) {
                result.next();
                id = result.getLong(1);
            }
        }
        sql.commit();
        long committed = System.nanoTime();
        double reported = lagSeconds("customers");
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            int status = Http.get(pipeline.readApi.url("/customers/" + id), Map.of()).status();
            long served = System.nanoTime();
            if (status == 200) {
                return new double[] {(served - committed) / 1e9, reported};
            }
            reported = lagSeconds("customers");
        }
        throw new AssertionError("marker " + id + " was not served within 30 s");
    }

    /** About {@link #ORDERS_PER_SECOND} orders a second, each an order and a line in one transaction. */
    private static void steadyLoad(AtomicBoolean running, AtomicLong placed) {
        try (Connection sql = pipeline.sql()) {
            sql.setAutoCommit(false);
            long started = System.nanoTime();
            long intervalNanos = 1_000_000_000L / ORDERS_PER_SECOND;
            try (PreparedStatement order = sql.prepareStatement("INSERT INTO orders (customer_id, total_cents) VALUES (1, 100) RETURNING id");
                    PreparedStatement line = sql.prepareStatement(
                            "INSERT INTO order_lines (order_id, product_id, quantity, unit_price_cents) VALUES (?, 1, 1, 100)")) {
                while (running.get()) {
                    long id;
                    try (ResultSet result = order.executeQuery()) {
                        result.next();
                        id = result.getLong(1);
                    }
                    line.setLong(1, id);
                    line.executeUpdate();
                    sql.commit();
                    long next = started + placed.incrementAndGet() * intervalNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("the load failed", e);
        }
    }

    static double lagSeconds(String projection) {
        JsonNode lag = Http.get(pipeline.readApi.url("/lag"), Map.of()).json();
        for (JsonNode entry : lag.get("projections")) {
            if (projection.equals(entry.get("projection").asText())) {
                return entry.get("lagSeconds").asDouble();
            }
        }
        return Double.NaN;
    }

    private static void awaitLagBelow(double seconds, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (lagSeconds("orders") < seconds && lagSeconds("customers") < seconds) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("lag did not fall below " + seconds + " s within " + timeout);
    }

    private static String describe(List<double[]> pairs) {
        StringBuilder text = new StringBuilder();
        for (double[] pair : pairs) {
            text.append(String.format("%.3f/%.3f ", pair[0], pair[1]));
        }
        return text.toString().trim();
    }
}
