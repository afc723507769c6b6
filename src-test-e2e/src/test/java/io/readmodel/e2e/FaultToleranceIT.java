package io.readmodel.e2e;

import static io.readmodel.e2e.Sleeps.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.readmodel.core.position.ConsistencyToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults injected into a running pipeline under a mixed write load (commands through write-api plus a legacy writer
 * using plain SQL): the bridge killed (SIGKILL) again and again, MongoDB stopped for 30 s, PostgreSQL restarted, a
 * second bridge on the same slot taking over, the bridge down while read-api keeps serving. The pass criterion is
 * zero drift on reconciliation afterwards; the figures (lag, takeover time) are printed to the test's output.
 *
 * <p>All along, a watcher checks that the slot never gets ahead of what MongoDB acknowledged: PostgreSQL's
 * {@code confirmed_flush_lsn} (read first) must never pass the highest LSN of the offsets stored in MongoDB (read
 * second; they only move forward), otherwise a restart would resume past changes never written.
 *
 * <p>Seed: {@code -De2e.seed=N} replays the same kill moments and load.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {

    private static final long SEED = Long.getLong("e2e.seed", System.nanoTime());
    private static final String SLOT = "readmodel";
    private static final Duration RESTART_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_RESTART_DELAY = Duration.ofSeconds(5);
    private static final Pattern RESTART = Pattern.compile("restarting the change stream in (\\d+) ms");

    private static Pipeline pipeline;
    private static SlotWatcher watcher;

    @BeforeAll
    static void startPipeline() {
        pipeline = Pipeline.named("fault-tolerance").persistentMongo().restartablePostgres()
                .bridge("bridge.restart-delay", RESTART_DELAY.toSeconds() + "s")
                .bridge("bridge.max-restart-delay", MAX_RESTART_DELAY.toSeconds() + "s")
                .start();
        System.out.println("seed " + SEED + " (-De2e.seed=" + SEED + " replays it)");
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @BeforeEach
    void watchTheSlot() {
        watcher = new SlotWatcher();
        watcher.start();
    }

    @AfterEach
    void slotNeverPassedWhatMongoAcknowledged() {
        watcher.close();
        System.out.println("slot watcher: " + watcher.checks + " checks, violations " + watcher.violations);
        assertThat(watcher.violations).as("slot confirmed_flush_lsn ahead of what MongoDB acknowledged").isEmpty();
    }

    @Test
    @Order(1)
    void theBridgeKilledAtRandomMomentsUnderMixedLoadLosesAndDuplicatesNothing() throws Exception {
        Random random = new Random(SEED);
        List<String> kills = new ArrayList<>();
        Instant begun = Instant.now();
        try (MixedLoad load = MixedLoad.start(pipeline, SEED, 200)) {
            sleep(1500);
            for (int kill = 1; kill <= 10; kill++) {
                // most kills while it streams (it has applied a batch in this run, and catches up on what piled up
                // while it was down), every third one while it is still starting (Debezium connecting, offsets read)
                boolean duringStart = kill % 3 == 0;
                long wait = duringStart ? 300 + random.nextInt(2500) : 500 + random.nextInt(2500);
                if (!duringStart) {
                    awaitApplying(pipeline.bridge, Duration.ofSeconds(60));
                }
                sleep(wait);
                pipeline.bridge.kill();
                kills.add((duringStart ? "starting+" : "applying+") + wait + "ms");
                if (duringStart) {
                    pipeline.bridge.start();
                } else {
                    pipeline.restartBridge();
                }
            }
            pipeline.bridge.awaitReady(Duration.ofSeconds(120));
            sleep(2000);
            assertThat(load.unexpected).as("write-api answers other than 2xx/409/503").isEmpty();
            System.out.println("kills: " + kills.size() + " " + kills + "; load: " + load.summary() + "; "
                    + Duration.between(begun, Instant.now()).toSeconds() + " s");
            assertThat(load.commandsDone.get()).isGreaterThan(30);
            assertThat(load.sqlDone.get()).isGreaterThan(30);
        }
        assertThat(kills).hasSizeGreaterThanOrEqualTo(10);
        assertZeroDrift();
    }

    @Test
    @Order(2)
    void mongoStoppedForThirtySecondsUnderLoadThenRestartedWithItsData() throws Exception {
        List<String> samples = new ArrayList<>();
        boolean sawNotReady = false;
        long highestSlotDuringOutage;
        long walWhenStopped;
        int restartsBefore;
        Duration readyAgainAfter;
        Duration lagRecoveredAfter;
        double highestLag = 0;
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        try (MixedLoad load = MixedLoad.start(pipeline, SEED + 2, 200)) {
            sleep(3000);
            pipeline.bridge.awaitReady(Duration.ofSeconds(30));
            restartsBefore = restarts(pipeline.bridge.log()).size();
            watcher.pause(true);

            // graceful stop (SIGTERM): the stand-in's H2 store is closed, so everything it acknowledged is on disk.
            // A SIGKILL could lose H2's last second of writes (MVStore commits in the background), which would be a
            // fault of the stand-in, not of the bridge.
            pipeline.stopMongo();
            Instant stopped = Instant.now();
            walWhenStopped = Slot.currentWal(pipeline);
            highestSlotDuringOutage = Slot.state(pipeline, SLOT).confirmedFlush();
            while (Duration.between(stopped, Instant.now()).compareTo(Duration.ofSeconds(30)) < 0) {
                int ready = pipeline.bridge.status("/q/health/ready", Duration.ofSeconds(8));
                sawNotReady |= ready == 503;
                Slot.State slot = Slot.state(pipeline, SLOT);
                highestSlotDuringOutage = Math.max(highestSlotDuringOutage, slot.confirmedFlush());
                OptionalDouble lag = Metrics.sample(pipeline.bridge, "readmodel_bridge_source_lag_seconds{projection=\"orders\"}");
                highestLag = Math.max(highestLag, lag.orElse(0));
                samples.add(String.format("t+%ds ready=%d lag=%s slotRetained=%dB", Duration.between(stopped, Instant.now()).toSeconds(),
                        ready, lag.isPresent() ? String.format("%.1fs", lag.getAsDouble()) : "n/a", slot.retained()));
                assertThat(pipeline.bridge.isAlive()).as("the bridge process survives the outage").isTrue();
                sleep(1000);
            }
            Duration outage = Duration.between(stopped, Instant.now());
            List<Long> outageRestarts = restarts(pipeline.bridge.log()).subList(restartsBefore, restarts(pipeline.bridge.log()).size());

            pipeline.startMongo();
            Instant restarted = Instant.now();
            watcher.pause(false);
            pipeline.bridge.awaitReady(Duration.ofSeconds(60));
            readyAgainAfter = Duration.between(restarted, Instant.now());
            lagRecoveredAfter = Duration.between(restarted, awaitLagBelow(2.0, Duration.ofSeconds(120)));
            sleep(2000);

            System.out.println("MongoDB outage " + outage.toMillis() + " ms under load; samples " + samples);
            System.out.println("restart delays logged during the outage (ms): " + outageRestarts);
            System.out.printf("highest bridge lag during the outage %.1f s; ready again %d ms after MongoDB restarted; lag < 2 s after %d ms%n",
                    highestLag, readyAgainAfter.toMillis(), lagRecoveredAfter.toMillis());
            System.out.println("slot confirmed_flush_lsn during the outage at most " + Slot.lsn(highestSlotDuringOutage)
                    + ", WAL position when MongoDB stopped " + Slot.lsn(walWhenStopped) + "; load " + load.summary());

            soft.assertThat(load.unexpected).as("write-api answers other than 2xx/409/503").isEmpty();
            soft.assertThat(sawNotReady).as("readiness DOWN (503) while MongoDB is stopped: " + samples).isTrue();
            soft.assertThat(outageRestarts).as("the stream is retried while MongoDB is down").isNotEmpty();
            // no crash loop: retries back off (delays grow beyond the first one) and stay few
            if (outageRestarts.size() >= 3) {
                // 1 s, 2 s, 4 s, 5 s...: from the third restart on, a delay must have grown
                soft.assertThat(outageRestarts).as("restart delays grow (exponential backoff)").anyMatch(delay -> delay > RESTART_DELAY.toMillis());
            }
            soft.assertThat(outageRestarts.size()).as("restarts in a 30 s outage with 1 s..5 s backoff").isLessThanOrEqualTo(15);
            soft.assertThat(highestLag).as("the lag grows while MongoDB is down").isGreaterThan(10);
        }
        // nothing was acknowledged by MongoDB after it stopped, so nothing after that may be confirmed to the slot
        soft.assertThat(highestSlotDuringOutage).as("slot confirmed_flush_lsn %s vs WAL position %s when MongoDB stopped",
                Slot.lsn(highestSlotDuringOutage), Slot.lsn(walWhenStopped)).isLessThanOrEqualTo(walWhenStopped);
        assertZeroDrift();
        soft.assertAll();
    }

    @Test
    @Order(3)
    void postgresRestartedUnderLoad() throws Exception {
        Duration bridgeReadyAfter;
        Duration bridgeResumedAfter;
        Duration writeApiRecoveredAfter;
        Http.Response whileDown;
        int writeApiReadinessWhileDown;
        try (MixedLoad load = MixedLoad.start(pipeline, SEED + 3, 200)) {
            sleep(3000);
            pipeline.stopPostgres();
            Instant stopped = Instant.now();
            whileDown = Http.post(pipeline.writeApi.url("/orders"), Map.of("customerId", load.customer(0),
                    "lines", List.of(Map.of("productId", 1, "quantity", 1))), Map.of());
            writeApiReadinessWhileDown = pipeline.writeApi.status("/q/health/ready", Duration.ofSeconds(10));
            sleep(Math.max(0, 5000 - Duration.between(stopped, Instant.now()).toMillis()));
            int bridgeReadinessWhileDown = pipeline.bridge.status("/q/health/ready", Duration.ofSeconds(10));
            pipeline.startPostgres();
            Instant started = Instant.now();
            System.out.println("PostgreSQL down " + Duration.between(stopped, started).toMillis() + " ms; bridge readiness while down "
                    + bridgeReadinessWhileDown);
            writeApiRecoveredAfter = Duration.between(started, awaitCommandSucceeds(Duration.ofSeconds(60)));
            pipeline.bridge.awaitReady(Duration.ofSeconds(60));
            bridgeReadyAfter = Duration.between(started, Instant.now());
            // resumed: the stream applies again, up to now
            bridgeResumedAfter = Duration.between(started, awaitLagBelow(2.0, Duration.ofSeconds(90)));
            sleep(3000);
            System.out.println("after PostgreSQL restarted: a command succeeded after " + writeApiRecoveredAfter.toMillis()
                    + " ms, bridge ready after " + bridgeReadyAfter.toMillis() + " ms, its lag < 2 s after " + bridgeResumedAfter.toMillis() + " ms; load " + load.summary()
                    + "; 503 answers seen " + load.unavailableAnswers);
            assertThat(load.unexpected).as("write-api answers other than 2xx/409/503 (a 500 would be here)").isEmpty();
            assertThat(pipeline.writeApi.isAlive()).isTrue();
            assertThat(pipeline.bridge.isAlive()).isTrue();
        }
        assertThat(whileDown.status()).as(whileDown.raw().body()).isEqualTo(503);
        assertThat(whileDown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(whileDown.json().get("status").asInt()).isEqualTo(503);
        assertThat(writeApiReadinessWhileDown).as("write-api readiness while PostgreSQL is down").isEqualTo(503);

        // read-your-writes works again, through the same processes
        Http.Response placed = Http.post(pipeline.writeApi.url("/customers"), Map.of("name", "After restart", "email", "after@example.com",
                "city", "Porto"), Map.of());
        assertThat(placed.status()).isEqualTo(201);
        Http.Response read = Http.get(pipeline.readApi.url("/customers/" + placed.json().get("id").asLong()),
                Map.of(ConsistencyToken.REQUEST_HEADER, placed.header(ConsistencyToken.RESPONSE_HEADER)));
        assertThat(read.status()).as(read.raw().body()).isEqualTo(200);
        assertZeroDrift();
    }

    @Test
    @Order(4)
    void readApiKeepsAnsweringWhileTheBridgeIsDownAndShowsTheLagGrowing() throws Exception {
        Http.Response placed = Http.post(pipeline.writeApi.url("/customers"), Map.of("name", "Reader", "email", "reader@example.com",
                "city", "Oslo"), Map.of());
        long customer = placed.json().get("id").asLong();
        assertThat(Http.get(pipeline.readApi.url("/customers/" + customer),
                Map.of(ConsistencyToken.REQUEST_HEADER, placed.header(ConsistencyToken.RESPONSE_HEADER))).status()).isEqualTo(200);

        pipeline.bridge.kill();
        Instant killed = Instant.now();
        List<Double> lags = new ArrayList<>();
        List<Double> staleness = new ArrayList<>();
        List<Integer> reads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sleep(2000);
            reads.add(Http.get(pipeline.readApi.url("/customers/" + customer), Map.of()).status());
            lags.add(ordersLag());
            staleness.add(Metrics.sample(pipeline.readApi, "readmodel_staleness_seconds{projection=\"orders\"}").orElse(-1));
        }
        // a write made while the bridge is down: a read with its token says it cannot be served yet, never an older state
        Http.Response renamed = Http.patch(pipeline.writeApi.url("/customers/" + customer), Map.of("name", "Reader renamed"));
        assertThat(renamed.status()).isBetween(200, 204);
        Http.Response tooFresh = Http.get(pipeline.readApi.url("/customers/" + customer),
                Map.of(ConsistencyToken.REQUEST_HEADER, renamed.header(ConsistencyToken.RESPONSE_HEADER)));
        System.out.println("bridge down " + Duration.between(killed, Instant.now()).toMillis() + " ms: reads " + reads + ", /lag orders "
                + lags + ", readmodel_staleness_seconds " + staleness + ", read with a newer token answered " + tooFresh.status()
                + " X-Applied-Position " + tooFresh.header("X-Applied-Position"));

        pipeline.restartBridge();
        Instant restarted = Instant.now();
        Http.Response fresh = Http.get(pipeline.readApi.url("/customers/" + customer),
                Map.of(ConsistencyToken.REQUEST_HEADER, renamed.header(ConsistencyToken.RESPONSE_HEADER)));
        awaitLagBelow(2.0, Duration.ofSeconds(30));
        System.out.println("bridge restarted: lag < 2 s after " + Duration.between(restarted, Instant.now()).toMillis() + " ms");

        assertThat(reads).containsOnly(200);
        assertThat(lags).isSortedAccordingTo(Double::compare).doesNotHaveDuplicates();
        assertThat(lags.get(lags.size() - 1)).isGreaterThan(6.0);
        assertThat(staleness).isSortedAccordingTo(Double::compare).doesNotHaveDuplicates();
        assertThat(staleness.get(staleness.size() - 1)).isGreaterThan(6.0);
        assertThat(tooFresh.status()).as(tooFresh.raw().body()).isEqualTo(504);
        assertThat(tooFresh.header("X-Applied-Position")).isNotBlank();
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.json().get("name").asText()).isEqualTo("Reader renamed");
        assertZeroDrift();
    }

    @Test
    @Order(5)
    void aSecondBridgeOnTheSameSlotWaitsThenTakesOverWhenTheFirstIsKilled() throws Exception {
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        String applied = "readmodel_bridge_applied_lsn{projection=\"orders\"}";
        AppProcess standby = null;
        try (MixedLoad load = MixedLoad.start(pipeline, SEED + 5, 200)) {
            standby = pipeline.startAnotherBridge("cdc-bridge-standby",
                    Map.of("bridge.restart-delay", "500ms", "bridge.max-restart-delay", "2s"));
            standby.awaitStatus("/q/health/live", 200, Duration.ofSeconds(120));
            Integer firstPid = Slot.state(pipeline, SLOT).activePid();
            // while the first streams, the second waits: it applies nothing, the slot keeps its consumer, and it
            // should not say it is ready
            List<Integer> standbyReadiness = new ArrayList<>();
            Instant until = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(until)) {
                standbyReadiness.add(standby.status("/q/health/ready", Duration.ofSeconds(8)));
                sleep(500);
            }
            System.out.println("standby while the first streams: readiness " + standbyReadiness + "; slot held by walsender " + firstPid
                    + "; standby's stream failures " + restarts(standby.log()).size() + ", its log says the slot is active: "
                    + standby.log().contains("is active for PID"));
            assertThat(standby.isAlive()).isTrue();
            assertThat(Metrics.sample(standby, applied)).as("the standby applied nothing").isEmpty();
            assertThat(Slot.state(pipeline, SLOT).activePid()).as("the slot's consumer").isEqualTo(firstPid);
            assertThat(standby.log()).contains("replication slot \"" + SLOT + "\" is active");
            soft.assertThat(standbyReadiness).as("the standby's readiness while the first bridge holds the slot (README: UP only while"
                    + " the slot is streaming)").doesNotContain(200);
            assertThat(pipeline.bridge.status("/q/health/ready", Duration.ofSeconds(8))).isEqualTo(200);

            long walAtKill = Slot.currentWal(pipeline);
            pipeline.bridge.kill();
            Instant killed = Instant.now();
            Duration slotTaken = null;
            Duration takeover = null;
            while (Duration.between(killed, Instant.now()).compareTo(Duration.ofSeconds(60)) < 0) {
                Integer pid = Slot.state(pipeline, SLOT).activePid();
                if (slotTaken == null && pid != null && !pid.equals(firstPid)) {
                    slotTaken = Duration.between(killed, Instant.now());
                }
                OptionalDouble position = Metrics.sample(standby, applied);
                if (slotTaken != null && position.isPresent() && position.getAsDouble() >= walAtKill) {
                    takeover = Duration.between(killed, Instant.now());
                    break;
                }
                sleep(100);
            }
            System.out.println("TAKEOVER: first bridge killed; the standby holds the slot after " + (slotTaken == null ? "never" : slotTaken.toMillis()
                    + " ms") + " and has applied past the WAL position of the kill after " + (takeover == null ? "never (60 s)"
                    : takeover.toMillis() + " ms"));
            assertThat(takeover).as("takeover within 60 s; standby log tail:\n" + standby.logTail()).isNotNull();
            soft.assertThat(takeover).as("takeover time").isLessThanOrEqualTo(Duration.ofSeconds(15));
            sleep(3000);
            assertThat(load.unexpected).isEmpty();
            System.out.println("load " + load.summary());
        } finally {
            if (!pipeline.bridge.isAlive() && standby != null) {
                try {
                    for (String projection : List.of("orders", "customers", "products")) {
                        JsonNode report = Reconciliation.awaitZeroDrift(standby, projection, Duration.ofSeconds(90));
                        System.out.println("reconciliation by the standby, " + projection + ": drift " + report.get("drift"));
                        assertThat(report.get("drift").asInt()).as(report.toPrettyString()).isZero();
                    }
                } finally {
                    // back to one bridge, the pipeline's own
                    standby.stop();
                    pipeline.restartBridge();
                }
            }
        }
        assertZeroDrift();
        soft.assertAll();
    }

    @Test
    @Order(6)
    void aTransactionOpenWhileTheBridgeIsKilledIsNotLost() throws Exception {
        // The legacy writer's transaction inserts an order, then stays open while heartbeats (non-transactional WAL
        // messages at later LSNs) are applied and their offsets committed, then inserts its line; the bridge is killed;
        // the transaction commits; the bridge restarts. The stored offset lies between the transaction's two changes,
        // which both commit after it.
        long customer;
        long product;
        try (java.sql.Connection connection = pipeline.sql(); java.sql.Statement statement = connection.createStatement()) {
            java.sql.ResultSet ids = statement.executeQuery("INSERT INTO customers (name, email, city) VALUES ('Long transaction',"
                    + " 'long@example.com', 'Bern') RETURNING id");
            ids.next();
            customer = ids.getLong(1);
            ids = statement.executeQuery("INSERT INTO products (sku, name, price_cents, stock) VALUES ('LONG-' || now()::text, 'Long',"
                    + " 100, 1000) RETURNING id");
            ids.next();
            product = ids.getLong(1);
        }
        long order;
        try (java.sql.Connection open = pipeline.sql(); java.sql.Statement statement = open.createStatement()) {
            open.setAutoCommit(false);
            java.sql.ResultSet inserted = statement.executeQuery("INSERT INTO orders (customer_id, total_cents) VALUES (" + customer
                    + ", 4200) RETURNING id");
            inserted.next();
            order = inserted.getLong(1);
            long written = Slot.currentWal(pipeline);
            // heartbeats every 0.5 s, offsets flushed every 1 s: wait until the stored offset is past these changes
            Instant deadline = Instant.now().plusSeconds(30);
            while (Slot.storedOffsetLsn(pipeline).orElse(0) <= written && Instant.now().isBefore(deadline)) {
                sleep(200);
            }
            System.out.println("open transaction wrote order " + order + " below " + Slot.lsn(written) + "; stored offset now "
                    + Slot.lsn(Slot.storedOffsetLsn(pipeline).orElse(0)));
            // more of the same transaction, after the heartbeats: the stored offset now lies inside the transaction
            statement.executeUpdate("INSERT INTO order_lines (order_id, product_id, quantity, unit_price_cents) VALUES (" + order + ", "
                    + product + ", 42, 100)");
            // and again until a heartbeat after both changes is stored and the slot confirmed exactly there (as when
            // MongoDB goes away: nothing later is stored)
            long written2 = Slot.currentWal(pipeline);
            deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                long stored = Slot.storedOffsetLsn(pipeline).orElse(0);
                if (stored > written2 && Slot.state(pipeline, SLOT).confirmedFlush() == stored) {
                    pipeline.bridge.kill();
                    break;
                }
                sleep(20);
            }
            pipeline.bridge.kill();
            System.out.println("killed with stored offset " + Slot.lsn(Slot.storedOffsetLsn(pipeline).orElse(0)) + ", slot confirmed "
                    + Slot.lsn(Slot.state(pipeline, SLOT).confirmedFlush()));
            open.commit();
        }
        pipeline.restartBridge();
        String token = pipeline.token();
        Http.Response read = Http.get(pipeline.readApi.url("/orders/" + order), Map.of(ConsistencyToken.REQUEST_HEADER, token));
        System.out.println("order " + order + " committed while the bridge was down, read with a later token: " + read.status() + " "
                + read.raw().body());
        assertThat(read.status()).as("order %d (its transaction was open across the kill): %s", order, read.raw().body()).isEqualTo(200);
        assertThat(read.json().get("lines")).hasSize(1);
        assertZeroDrift();
    }

    /** Kills nothing: checks every half second that the slot is not ahead of MongoDB's stored offsets. */
    private static final class SlotWatcher extends Thread implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicBoolean paused = new AtomicBoolean(false);
        final Queue<String> violations = new ConcurrentLinkedQueue<>();
        volatile int checks;

        SlotWatcher() {
            super("slot-watcher");
            setDaemon(true);
        }

        void pause(boolean pause) {
            paused.set(pause);
        }

        @Override
        public void run() {
            while (running.get()) {
                if (!paused.get()) {
                    try {
                        long confirmed = Slot.state(pipeline, SLOT).confirmedFlush();
                        // what MongoDB acknowledged is what the checkpoints say was applied; Debezium's own offset
                        // record may lag the slot while MongoDB is down (its flush fails), which loses nothing
                        OptionalLong applied = Slot.appliedLsn(pipeline);
                        if (applied.isPresent()) {
                            checks++;
                            if (confirmed > applied.getAsLong()) {
                                violations.add(Instant.now() + ": slot " + Slot.lsn(confirmed) + " > applied " + Slot.lsn(applied.getAsLong()));
                            }
                        }
                    } catch (Exception unavailable) {
                        // PostgreSQL or MongoDB is down right now
                    }
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            running.set(false);
            interrupt();
            try {
                join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until the bridge has applied a batch in its current run (its position gauge appears with the first checkpoint). */
    private static void awaitApplying(AppProcess bridge, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Metrics.sample(bridge, "readmodel_bridge_applied_lsn{projection=\"orders\"}").isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(bridge.name() + " applied nothing within " + timeout + "; log tail:\n" + bridge.logTail());
            }
            sleep(100);
        }
    }

    private static List<Long> restarts(String log) {
        List<Long> delays = new ArrayList<>();
        Matcher matcher = RESTART.matcher(log);
        while (matcher.find()) {
            delays.add(Long.parseLong(matcher.group(1)));
        }
        return delays;
    }

    private static double ordersLag() {
        Http.Response lag = Http.get(pipeline.readApi.url("/lag"), Map.of());
        assertThat(lag.status()).as(lag.raw().body()).isEqualTo(200);
        for (JsonNode projection : lag.json().get("projections")) {
            if (projection.get("projection").asText().equals("orders")) {
                return projection.get("lagSeconds").asDouble();
            }
        }
        throw new AssertionError("no orders in " + lag.raw().body());
    }

    /** Waits until both the bridge's gauge and read-api's {@code /lag} say the orders projection is less than this behind. */
    private static Instant awaitLagBelow(double seconds, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            OptionalDouble bridgeLag = Metrics.sample(pipeline.bridge, "readmodel_bridge_source_lag_seconds{projection=\"orders\"}");
            if (bridgeLag.isPresent() && bridgeLag.getAsDouble() < seconds && ordersLag() < seconds) {
                return Instant.now();
            }
            sleep(200);
        }
        throw new AssertionError("the orders lag did not fall below " + seconds + " s within " + timeout + "; bridge log tail:\n"
                + pipeline.bridge.logTail());
    }

    private static Instant awaitCommandSucceeds(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Http.Response response = Http.post(pipeline.writeApi.url("/customers"), Map.of("name", "Probe", "email", "probe@example.com",
                    "city", "Rome"), Map.of());
            if (response.status() == 201) {
                return Instant.now();
            }
            assertThat(response.status()).as(response.raw().body()).isEqualTo(503);
            sleep(200);
        }
        throw new AssertionError("write-api did not recover within " + timeout + "; log tail:\n" + pipeline.writeApi.logTail());
    }

    private static void assertZeroDrift() throws Exception {
        for (String projection : List.of("orders", "customers", "products")) {
            JsonNode report = Reconciliation.awaitZeroDrift(pipeline, projection, Duration.ofSeconds(90));
            System.out.println("reconciliation " + projection + ": " + report);
            assertThat(report.get("drift").asInt()).as(report.toPrettyString()).isZero();
        }
        OrdersDrift.Report orders = OrdersDrift.measure(pipeline);
        assertThat(orders.isZero()).as(orders.toString()).isTrue();
    }
}
