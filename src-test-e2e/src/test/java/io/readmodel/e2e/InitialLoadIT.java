package io.readmodel.e2e;

import static io.readmodel.e2e.Sleeps.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The bulk initial load ({@code bridge.initial-load=bulk}, the default) of rows that exist before the bridge first
 * starts, while they keep changing and while the bridge crashes in the middle of it.
 *
 * <p>The shop is filled with {@link ShopRows} before the bridge starts. Then, all along: write-api's commands and a
 * legacy SQL writer on new rows ({@link MixedLoad}), and a second SQL writer on the seeded rows themselves (orders
 * shipped, customers and products renamed, lines deleted and added to existing orders), so that changes land before,
 * during and after the snapshot the load reads. The bridge is killed (SIGKILL) while it reads the snapshot and again
 * while it writes (once a random 10–70 % of the rows are in the row store, so the moment does not depend on this
 * machine's speed), each time before any checkpoint is saved; the third start must start the load over and finish it.
 * Pass criterion: zero drift on reconciliation of all three projections, and the orders compared field by field with
 * SQL.
 *
 * <p>Seed: {@code -De2e.seed=N} replays the same kill moments and writes.
 */
class InitialLoadIT {

    private static final long SEED = Long.getLong("e2e.seed", System.nanoTime());
    private static final ShopRows SEEDED = ShopRows.of(Long.getLong("e2e.initial-load.rows", 16_000));
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(180);
    private static final String SLOT_CREATED = "initial load: slot '";
    private static final String WRITING = "; writing";

    @Test
    void aLoadKilledWhileReadingAndWhileWritingStartsOverAndMissesNoConcurrentChange() throws Exception {
        System.out.println("seed " + SEED + " (-De2e.seed=" + SEED + " replays it); seeded " + SEEDED);
        Random random = new Random(SEED);
        try (Pipeline pipeline = Pipeline.named("initial-load").deferBridge().start()) {
            pipeline.execute(SEEDED.loadScript());
            AppProcess bridge = pipeline.bridge;
            String kills;
            try (MixedLoad load = MixedLoad.start(pipeline, SEED, 100);
                    SeededRowsWriter seededWriter = new SeededRowsWriter(pipeline, SEEDED, SEED + 1)) {
                sleep(500);

                startAndAwaitLog(bridge, SLOT_CREATED);
                long whileReading = random.nextInt(300);
                sleep(whileReading);
                bridge.kill();
                assertThat(Slot.appliedLsn(pipeline)).as("no checkpoint: the first load was cut short").isEmpty();

                startAndAwaitLog(bridge, WRITING);
                long rowsStored = awaitRowsStored(pipeline, bridge, Math.round((0.1 + 0.6 * random.nextDouble()) * SEEDED.total()));
                bridge.kill();
                assertThat(Slot.appliedLsn(pipeline)).as("no checkpoint: the second load was cut short while writing").isEmpty();
                kills = "killed " + whileReading + " ms after the slot was created, then with " + rowsStored + " of "
                        + SEEDED.total() + " rows in the row store";

                bridge.start().awaitReady(LOAD_TIMEOUT);
                sleep(3000);
                System.out.println(kills + "; load: " + load.summary() + "; seeded rows changed: " + seededWriter.done.get());
                assertThat(load.unexpected).as("write-api answers other than 2xx/409/503").isEmpty();
                assertThat(seededWriter.failures).as("statements on the seeded rows").isEmpty();
                assertThat(seededWriter.done.get()).as("seeded rows changed during the load").isGreaterThan(50);
            }
            String log = bridge.log();
            assertThat(occurrences(log, SLOT_CREATED)).as("three loads begun (two cut short)").isEqualTo(3);
            assertThat(occurrences(log, "initial load: written in")).as("one load finished").isEqualTo(1);
            for (String projection : List.of("orders", "customers", "products")) {
                JsonNode report = Reconciliation.awaitZeroDrift(pipeline, projection, Duration.ofSeconds(120));
                System.out.println("reconciliation " + projection + ": " + report);
                assertThat(report.get("drift").asInt()).as(report.toPrettyString()).isZero();
            }
            OrdersDrift.Report orders = OrdersDrift.measure(pipeline);
            System.out.println("orders compared with SQL: " + orders);
            assertThat(orders.expected()).isGreaterThanOrEqualTo((int) SEEDED.orders());
            assertThat(orders.isZero()).as(orders.toString()).isTrue();
        }
    }

    /** Starts the bridge and waits until this run logs {@code text} (the log file holds its earlier starts in this test too). */
    private static void startAndAwaitLog(AppProcess bridge, String text) {
        int before = occurrences(bridge.log(), text);
        bridge.start();
        Instant deadline = Instant.now().plus(LOAD_TIMEOUT);
        while (occurrences(bridge.log(), text) == before) {
            if (!bridge.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the bridge did not log '" + text + "'; log:\n" + bridge.log());
            }
            sleep(10);
        }
    }

    /**
     * Waits until the load being written has stored at least {@code target} rows in the row store, so that the kill
     * lands while writing however fast this machine writes (the row store is inserted in batches of 1,000 alongside
     * the documents, and no checkpoint is saved before all of them are acknowledged); returns the count seen.
     */
    private static long awaitRowsStored(Pipeline pipeline, AppProcess bridge, long target) {
        try (MongoClient client = MongoClients.create(pipeline.mongoUri + "/?serverSelectionTimeoutMS=5000")) {
            MongoCollection<Document> rows = client.getDatabase("readmodel").getCollection("rows");
            Instant deadline = Instant.now().plus(LOAD_TIMEOUT);
            for (long stored = rows.estimatedDocumentCount(); ; stored = rows.estimatedDocumentCount()) {
                if (stored >= target) {
                    return stored;
                }
                if (!bridge.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the load stored " + stored + " of " + target + " rows; log:\n" + bridge.log());
                }
                sleep(5);
            }
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }


    /**
     * Changes the rows {@link ShopRows} seeded, one statement per transaction, every few milliseconds, until closed:
     * the changes the initial load must neither miss nor apply twice.
     */
    private static final class SeededRowsWriter implements AutoCloseable {

        private final Pipeline pipeline;
        private final ShopRows seeded;
        private final Random random;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        final AtomicInteger done = new AtomicInteger();
        final Queue<String> failures = new ConcurrentLinkedQueue<>();

        SeededRowsWriter(Pipeline pipeline, ShopRows seeded, long seed) {
            this.pipeline = pipeline;
            this.seeded = seeded;
            this.random = new Random(seed);
            this.thread = new Thread(this::run, "seeded-rows-writer");
            thread.start();
        }

        private void run() {
            try (Connection connection = pipeline.sql()) {
                while (running.get()) {
                    change(connection);
                    done.incrementAndGet();
                    sleep(5);
                }
            } catch (SQLException | RuntimeException e) {
                failures.add(e.toString());
            }
        }

        private void change(Connection connection) throws SQLException {
            int dice = random.nextInt(5);
            String sql = switch (dice) {
                case 0 -> "UPDATE orders SET status = 'SHIPPED' WHERE id = ? AND status = 'PLACED'";
                case 1 -> "UPDATE customers SET name = 'renamed ' || md5(random()::text) WHERE id = ?";
                case 2 -> "UPDATE products SET name = 'renamed ' || md5(random()::text), price_cents = price_cents + 1 WHERE id = ?";
                case 3 -> "DELETE FROM order_lines WHERE id = ?";
                default -> "INSERT INTO order_lines (order_id, product_id, quantity, unit_price_cents) VALUES (?, 1, 2, 700)";
            };
            long bound = switch (dice) {
                case 1 -> seeded.customers();
                case 2 -> seeded.products();
                case 3 -> seeded.lines();
                default -> seeded.orders();
            };
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, 1 + (long) (random.nextDouble() * bound));
                statement.executeUpdate();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }
}
