package io.readmodel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.readmodel.core.position.ConsistencyToken;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Benchmarks, not tests: they assert nothing about speed. Run with
 * {@code ./mvnw -B -q install -DskipTests && ./mvnw -B -f src-test-e2e/pom.xml verify -Dit.test=PipelineBenchmark}.
 * Figures go to stdout and to {@code src-test-e2e/target/benchmarks/}; BENCHMARKS.md keeps them.
 *
 * <p>Sustained apply rate: W writers drive PostgreSQL as fast as it goes (an order and 3 lines per transaction,
 * plain JDBC) for a fixed time while the bridge applies; PostgreSQL's own committed rows/s in that run is the
 * reference. The pipeline's rate is rows committed divided by the time from the first commit until the
 * orders checkpoint passes a token written after the last one.
 *
 * <p>Freshness: at a steady rate, some orders are timed from their commit returning to read-api first serving
 * them (polling every 2 ms), after an unrecorded warm-up of both paths; R rounds, each a load with token reads and one
 * load per rate, end with the min/median/max over the rounds of each load's median and p99.
 *
 * <p>Both report the CPU each process used per row ({@link CpuTimes}): a round of the apply rate from the load's start
 * to its stop and on to the catch-up, each steady load of the freshness benchmark on its own.
 */
class PipelineBenchmark {

    private static final int WRITERS = Integer.getInteger("bench.writers", 4);
    private static final Duration LOAD = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int SAMPLES = Integer.getInteger("bench.samples", 200);
    private static final int[] RATES = java.util.Arrays.stream(System.getProperty("bench.rates", "100,1000,4000").split(","))
            .mapToInt(rate -> Integer.parseInt(rate.trim())).toArray();
    /** A sample waiting longer than this ends its load: the pipeline is not keeping up with it. */
    private static final Duration SAMPLE_LIMIT = Duration.ofSeconds(30);

    @Test
    void sustainedApplyRateAgainstThePrimarysOwnRate() throws Exception {
        StringBuilder report = new StringBuilder("# apply rate: " + WRITERS + " writers, " + LOAD.toSeconds()
                + " s per round, order + 3 lines per transaction\n");
        try (Pipeline pipeline = Pipeline.start("bench-apply")) {
            seed(pipeline);
            List<Double> ratios = new ArrayList<>();
            Map<String, List<Double>> microsPerRow = new LinkedHashMap<>();
            long postmaster = CpuTimes.postmaster(pipeline);
            for (int round = 1; round <= ROUNDS; round++) {
                Round result = round(pipeline, postmaster);
                ratios.add(result.applyRate() / result.primaryRate());
                String line = String.format("round %d: primary committed %d rows in %.1f s = %.0f rows/s; pipeline applied them in %.1f s = %.0f rows/s; ratio %.2f; max lag seen %.1f s%n",
                        round, result.rows(), result.loadSeconds(), result.primaryRate(), result.applySeconds(), result.applyRate(),
                        result.applyRate() / result.primaryRate(), result.maxLag())
                        + CpuTimes.report("round " + round, result.cpu(), List.of("load", "catch-up"), result.rows());
                System.out.print(line);
                report.append(line);
                result.microsPerRow().forEach((what, micros) -> microsPerRow.computeIfAbsent(what, key -> new ArrayList<>()).add(micros));
            }
            report.append(summary("ratio", ratios));
            microsPerRow.forEach((what, micros) -> report.append(Benchmarks.summary("CPU µs per row, " + what, micros, 0)));
        }
        write("apply-rate", report.toString());
    }

    /** Samples of an unrecorded load at 1,000 rows/s before the measured ones (about 15 s). */
    private static final int WARMUP_SAMPLES = Integer.getInteger("bench.warmupSamples", 200);
    /** The bridge's histogram from a change's source commit time to its batch's acknowledged write. */
    private static final String COMMIT_TO_APPLIED = "readmodel_bridge_commit_to_applied_seconds";
    /** read-api's histogram of how long token reads waited for their projection. */
    private static final String CONSISTENCY_WAIT = "readmodel_consistency_wait_seconds";

    @Test
    void commitToVisibleLatencyAtSteadyLoad() throws Exception {
        StringBuilder report = new StringBuilder("# freshness: commit returns -> read-api first serves the order (polled every 2 ms), "
                + SAMPLES + " samples per load\n");
        try (Pipeline pipeline = Pipeline.start("bench-freshness")) {
            measureFreshness(pipeline, report);
        } finally {
            write("freshness", report.toString()); // the loads measured so far, even when a later one fails
        }
    }

    private static void measureFreshness(Pipeline pipeline, StringBuilder report) throws Exception {
        seed(pipeline);
        long postmaster = CpuTimes.postmaster(pipeline);
        // unrecorded: the apps' and the stand-in's first seconds under load are JIT compilation, not the pipeline;
        // both paths are warmed, since write-api and read-api's token wait only run in the token one
        steadyLoadLatencies(pipeline, 1000, WARMUP_SAMPLES, false);
        catchUp(pipeline);
        steadyLoadLatencies(pipeline, 1000, WARMUP_SAMPLES, true);
        Map<String, List<Double>> medians = new LinkedHashMap<>();
        Map<String, List<Double>> p99s = new LinkedHashMap<>();
        for (int round = 1; round <= ROUNDS; round++) {
            report.append(print("round %d%n", round));
            // token reads first: a rate the pipeline cannot follow (the last one) leaves a backlog behind it
            catchUp(pipeline);
            HistogramWindow tokenApplied = HistogramWindow.start(pipeline.bridge, COMMIT_TO_APPLIED);
            HistogramWindow tokenWaits = HistogramWindow.start(pipeline.readApi, CONSISTENCY_WAIT);
            SteadyLoad tokenReads = steadyLoadLatencies(pipeline, 1000, SAMPLES, true);
            record(TOKEN_READS, tokenReads.latencies(), medians, p99s);
            report.append(print("1000 rows/s (background reached %.0f rows/s), PlaceOrder through write-api then one read with its token: %s%n"
                            + "  split: bridge %s%n  split: read-api %s%n",
                    tokenReads.rowsPerSecond(), summary("command returned -> token read answered ms", tokenReads.latencies()).trim(),
                    tokenApplied.summary(), tokenWaits.summary()));
            report.append(print("%s", tokenReads.slowest(SLOWEST)));
            for (int rowsPerSecond : RATES) {
                catchUp(pipeline);
                HistogramWindow applied = HistogramWindow.start(pipeline.bridge, COMMIT_TO_APPLIED);
                CpuTimes.Sample before = CpuTimes.take(pipeline, postmaster);
                SteadyLoad load = steadyLoadLatencies(pipeline, rowsPerSecond, SAMPLES, false);
                CpuTimes.Sample after = CpuTimes.take(pipeline, postmaster);
                record(rowsPerSecond + " rows/s commit-to-visible", load.latencies(), medians, p99s);
                report.append(print("%d rows/s (background reached %.0f rows/s): %s  split: bridge %s%n", rowsPerSecond,
                        load.rowsPerSecond(), summary("commit-to-visible ms", load.latencies()), applied.summary()));
                report.append(print("%s", load.slowest(SLOWEST)));
                report.append(print("%s", CpuTimes.report("  " + rowsPerSecond + " rows/s", List.of(before, after),
                        List.of("the load"), load.rows())));
            }
        }
        report.append(print("over %d rounds (ms; each figure is one round's median or p99):%n", ROUNDS));
        medians.forEach((series, values) -> report.append(print("%s", summary("  " + series + ", median", values))));
        p99s.forEach((series, values) -> report.append(print("%s", summary("  " + series + ", p99", values))));
        List<Double> plainMedians = medians.get("1000 rows/s commit-to-visible");
        if (plainMedians != null) {
            List<Double> added = new ArrayList<>();
            for (int round = 0; round < Math.min(plainMedians.size(), medians.get(TOKEN_READS).size()); round++) {
                added.add(medians.get(TOKEN_READS).get(round) - plainMedians.get(round));
            }
            report.append(print("%s", summary("  token reads' median minus the same round's 1000 rows/s commit-to-visible median", added)));
        }
    }

    /** How many of a load's slowest samples are listed with their times (of 200, the 3 slowest make its p99). */
    private static final int SLOWEST = 3;
    /** The series name of the token reads at 1,000 rows/s. */
    private static final String TOKEN_READS = "1000 rows/s token reads";

    /** Keeps one round's median and p99 of a series. */
    private static void record(String series, List<Double> latencies, Map<String, List<Double>> medians,
            Map<String, List<Double>> p99s) {
        medians.computeIfAbsent(series, name -> new ArrayList<>()).add(Benchmarks.percentile(latencies, 0.5));
        p99s.computeIfAbsent(series, name -> new ArrayList<>()).add(Benchmarks.percentile(latencies, 0.99));
    }

    /** Prints a formatted line to stdout as it is measured, and returns it for the report. */
    private static String print(String format, Object... arguments) {
        String line = String.format(format, arguments);
        System.out.print(line);
        return line;
    }

    /** A round's figures, with CPU samples taken when the load started, when it stopped, and when it was applied. */
    private record Round(long rows, double loadSeconds, double applySeconds, double maxLag, List<CpuTimes.Sample> cpu) {

        /** CPU µs per row over the round: each component, the primary (PostgreSQL and the writers), the pipeline. */
        Map<String, Double> microsPerRow() {
            Map<String, Double> micros = CpuTimes.microsPerRow(cpu.get(0), cpu.get(cpu.size() - 1), rows);
            double machine = micros.remove(CpuTimes.MACHINE);
            micros.put("primary (PostgreSQL + writers)", micros.get("PostgreSQL") + micros.get("writers (test JVM)"));
            micros.put("pipeline (walsender + bridge + stand-in + read-api)", micros.get("walsender") + micros.get("cdc-bridge")
                    + micros.get("mongo-stand-in") + micros.get("read-api"));
            micros.put(CpuTimes.MACHINE, machine);
            return micros;
        }

        double primaryRate() {
            return rows / loadSeconds;
        }

        double applyRate() {
            return rows / applySeconds;
        }
    }

    private static Round round(Pipeline pipeline, long postmaster) throws Exception {
        AtomicLong rows = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        List<CpuTimes.Sample> cpu = new ArrayList<>();
        cpu.add(CpuTimes.take(pipeline, postmaster));
        Instant start = Instant.now();
        for (int w = 0; w < WRITERS; w++) {
            Thread writer = new Thread(() -> write(pipeline, running, rows), "writer-" + w);
            writers.add(writer);
            writer.start();
        }
        double maxLag = 0;
        while (Duration.between(start, Instant.now()).compareTo(LOAD) < 0) {
            Thread.sleep(1000);
            maxLag = Math.max(maxLag, lagSeconds(pipeline));
        }
        // before the writers close their connections: an ended backend's time reaches the postmaster's only later
        cpu.add(CpuTimes.take(pipeline, postmaster));
        running.set(false);
        for (Thread writer : writers) {
            writer.join();
        }
        double loadSeconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
        String token = pipeline.token();
        // read-api's /lag once a second, as during the load (every 20 ms added 50 requests/s on the two cores the pipeline uses)
        long nextLagRead = System.nanoTime();
        while (!checkpointPassed(pipeline, "orders", token)) {
            Thread.sleep(20);
            if (System.nanoTime() >= nextLagRead) {
                maxLag = Math.max(maxLag, lagSeconds(pipeline));
                nextLagRead = System.nanoTime() + 1_000_000_000L;
            }
        }
        double applySeconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
        cpu.add(CpuTimes.take(pipeline, postmaster));
        return new Round(rows.get(), loadSeconds, applySeconds, maxLag, cpu);
    }

    private static void write(Pipeline pipeline, AtomicBoolean running, AtomicLong rows) {
        try (Connection connection = pipeline.sql()) {
            OrderInserts inserts = new OrderInserts(connection);
            while (running.get()) {
                inserts.insert(1 + ThreadLocalRandom.current().nextInt(100), 100);
                rows.addAndGet(OrderInserts.ROWS_PER_ORDER);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Latencies measured under a background load, and the row rate the background actually reached. */
    private record SteadyLoad(List<Double> latencies, List<Instant> startedAt, long rows, double rowsPerSecond) {

        /** The slowest samples with the wall-clock time each started, to lay beside the apps' GC logs. */
        String slowest(int count) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < latencies.size(); i++) {
                order.add(i);
            }
            order.sort((a, b) -> Double.compare(latencies.get(b), latencies.get(a)));
            StringBuilder line = new StringBuilder("  slowest (ms, started at UTC):");
            order.stream().limit(count).forEach(i -> line.append(String.format(" %.1f %s", latencies.get(i), startedAt.get(i))));
            return line.append('\n').toString();
        }
    }

    private static SteadyLoad steadyLoadLatencies(Pipeline pipeline, int rowsPerSecond, int samples, boolean withToken)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong backgroundRows = new AtomicLong();
        long started = System.nanoTime();
        long intervalNanos = 4_000_000_000L / rowsPerSecond;
        Thread background = new Thread(() -> {
            try (Connection connection = pipeline.sql(); Statement statement = connection.createStatement()) {
                long next = System.nanoTime();
                while (running.get()) {
                    statement.execute("WITH o AS (INSERT INTO orders (customer_id, total_cents) VALUES ("
                            + (1 + ThreadLocalRandom.current().nextInt(100)) + ", 3000) RETURNING id) "
                            + "INSERT INTO order_lines (order_id, product_id, quantity, unit_price_cents) SELECT o.id, p, 1, 1000 FROM o, generate_series(1, 3) p");
                    backgroundRows.addAndGet(4);
                    next += intervalNanos;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "steady-load");
        background.start();
        List<Double> latencies = new ArrayList<>();
        List<Instant> startedAt = new ArrayList<>();
        try (Connection connection = pipeline.sql(); Statement statement = connection.createStatement()) {
            Thread.sleep(2000);
            for (int i = 0; i < samples; i++) {
                startedAt.add(Instant.now());
                double latency = withToken ? tokenReadMillis(pipeline) : commitToVisibleMillis(pipeline, statement);
                latencies.add(latency);
                if (latency > SAMPLE_LIMIT.toMillis()) {
                    System.out.printf("a sample waited %.0f ms: the pipeline does not keep up with %d rows/s; load ended%n",
                            latency, rowsPerSecond);
                    break;
                }
                Thread.sleep(50);
            }
        } finally {
            running.set(false);
            background.join();
        }
        // the measured orders (one row each) count too: their CPU is in the same samples
        long rows = backgroundRows.get() + latencies.size();
        return new SteadyLoad(latencies, startedAt, rows, rows / ((System.nanoTime() - started) / 1e9));
    }

    /** An order committed with plain SQL, then read-api polled every 2 ms until it serves it. */
    private static double commitToVisibleMillis(Pipeline pipeline, Statement statement) throws Exception {
        long id;
        try (ResultSet inserted = statement.executeQuery("WITH o AS (INSERT INTO orders (customer_id, total_cents) VALUES (2, 1000) RETURNING id) "
                + "SELECT id FROM o")) {
            inserted.next();
            id = inserted.getLong(1);
        }
        long committed = System.nanoTime();
        while (!serves(pipeline, "/orders/" + id)) {
            Thread.sleep(2);
        }
        return (System.nanoTime() - committed) / 1e6;
    }

    /** A PlaceOrder command through write-api, then one read with its consistency token (which waits). */
    private static double tokenReadMillis(Pipeline pipeline) {
        Http.Response placed = Http.post(pipeline.writeApi.url("/orders"),
                Map.of("customerId", 2, "lines", List.of(Map.of("productId", 1, "quantity", 1))), Map.of());
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        long returned = System.nanoTime();
        Http.Response read = Http.get(pipeline.readApi.url("/orders/" + placed.json().get("id").asLong()),
                Map.of(ConsistencyToken.REQUEST_HEADER, placed.header(ConsistencyToken.RESPONSE_HEADER)));
        double millis = (System.nanoTime() - returned) / 1e6;
        if (read.status() == 504) {
            System.out.printf("a token read timed out after %.0f ms (504): the pipeline is behind%n", millis);
            return millis;
        }
        assertThat(read.status()).as(read.raw().body()).isEqualTo(200);
        return millis;
    }

    /** Waits until the orders checkpoint passes a token written now: the previous load's backlog is applied. */
    private static void catchUp(Pipeline pipeline) throws Exception {
        String token = pipeline.token();
        while (!checkpointPassed(pipeline, "orders", token)) {
            Thread.sleep(20);
        }
    }

    private static void seed(Pipeline pipeline) throws Exception {
        pipeline.execute("""
                INSERT INTO customers (id, name, email, city) SELECT g, 'customer ' || g, 'c' || g || '@example.com', 'city' FROM generate_series(1, 100) g;
                INSERT INTO products (id, sku, name, price_cents, stock) SELECT g, 'SKU-' || g, 'product ' || g, 1000, 1000000 FROM generate_series(1, 100) g;
                """);
        String token = pipeline.token();
        while (!checkpointPassed(pipeline, "orders", token)) {
            Thread.sleep(50);
        }
    }

    private static double lagSeconds(Pipeline pipeline) {
        return Benchmarks.lagSeconds(pipeline);
    }

    private static boolean checkpointPassed(Pipeline pipeline, String projection, String token) {
        return Benchmarks.checkpointPassed(pipeline, projection, token);
    }

    /** Whether read-api serves the path; a request that fails (a timeout of an overloaded machine) says not yet. */
    private static boolean serves(Pipeline pipeline, String path) {
        try {
            return Http.get(pipeline.readApi.url(path), Map.of()).status() == 200;
        } catch (IllegalStateException failed) {
            System.out.printf("%s: %s%n", path, failed.getMessage());
            return false;
        }
    }

    static String summary(String what, List<Double> values) {
        return Benchmarks.summary(what, values);
    }

    private static void write(String name, String report) throws IOException {
        Benchmarks.write(name, report);
        assertThat(report).isNotBlank();
    }
}
