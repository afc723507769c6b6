package io.readmodel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.readmodel.core.position.ConsistencyToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (it asserts nothing about speed): read-api's {@code GET /orders/{id}} against the CRUD way
 * it replaces and against the HTTP ceiling, on the same machine, in the same run. Run with
 * <pre>
 * ./mvnw -B verify -pl src-test-e2e -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=ReadsBenchmark -Dfailsafe.failIfNoSpecifiedTests=false \
 *     -Dbench.reads.seconds=20 -Dbench.reads.runs=3 -Dbench.reads.orders=20000 -Dbench.reads.writeRate=500
 * </pre>
 * Needs {@code wrk} ({@code apt-get install -y wrk}, or {@code -Dbench.reads.wrk=/path/to/wrk}).
 *
 * <p>Targets, each hit by {@code wrk -t2 -c64 --latency} with a Lua script that asks for a random seeded order id on
 * every request (no single hot key):
 * <ul>
 * <li>{@code read-api}: {@code GET /orders/{id}} from the MongoDB read model (the stand-in, as everywhere here);</li>
 * <li>{@code JOIN}: bench-baseline's {@code GET /orders/{id}}, the same answer (checked field by field on real ids
 * before measuring) built per request by a JOIN of orders, customers, order_lines and products on PostgreSQL with
 * the reactive client;</li>
 * <li>{@code ceiling}: bench-baseline's Vert.x route answering a real read-api answer's bytes for every id.</li>
 * </ul>
 * Each run measures the three one after the other (the order rotates from run to run), so the ratios
 * read-api/JOIN and read-api/ceiling compare figures taken minutes apart at most. Two phases: idle, then while a
 * steady "legacy" writer commits orders with 3 lines each through plain JDBC. The report (summary, then wrk's raw
 * output of every run) goes to stdout and {@code src-test-e2e/target/benchmarks/reads-<time>.txt}.
 */
class ReadsBenchmark {

    private static final int SECONDS = Integer.getInteger("bench.reads.seconds", 20);
    private static final int RUNS = Integer.getInteger("bench.reads.runs", 3);
    private static final int ORDERS = Integer.getInteger("bench.reads.orders", 20_000);
    private static final int WRITE_RATE = Integer.getInteger("bench.reads.writeRate", 500);
    /** JDBC connections the steady writer spreads its rate over. */
    private static final int WRITERS = Integer.getInteger("bench.reads.writers", 2);
    /** Seconds of unrecorded load per target before the first run of a phase (JIT, pools, caches). */
    private static final int WARMUP = Integer.getInteger("bench.reads.warmup", 5);
    private static final int THREADS = Integer.getInteger("bench.reads.threads", 2);
    private static final int CONNECTIONS = Integer.getInteger("bench.reads.connections", 64);
    private static final int CUSTOMERS = 1000;
    private static final int PRODUCTS = 100;
    private static final int SEED_CHUNK = 1000;
    private static final Duration SERVE_TIMEOUT = Duration.ofMinutes(30);

    private static final String READ_API = "read-api";
    private static final String JOIN = "JOIN";
    private static final String CEILING = "ceiling";

    private record Target(String name, AppProcess app, String prefix) {
    }

    private record IdRange(long first, long last) {
        long random() {
            return ThreadLocalRandom.current().nextLong(first, last + 1);
        }
    }

    /** One phase's wrk results by target name, in run order. */
    private record Phase(String name, Map<String, List<Wrk.Result>> results, List<String> notes) {
    }

    @Test
    void ordersByIdFromTheReadModelAgainstAJoinAndTheHttpCeiling() throws Exception {
        Path directory = Pipeline.ROOT.resolve("src-test-e2e/target/benchmarks");
        Wrk wrk = Wrk.locate(directory);
        StringBuilder raw = new StringBuilder();
        List<Phase> phases = new ArrayList<>();
        IdRange ids;
        try (Pipeline pipeline = Pipeline.start("bench-reads")) {
            ids = seed(pipeline);
            Path answer = directory.resolve("reads-ceiling-body.json");
            Files.write(answer, Http.get(pipeline.readApi.url("/orders/" + ids.random()), Map.of()).raw().body()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            AppProcess baseline = pipeline.startAppOnPostgres("bench-baseline",
                    Map.of("baseline.ceiling.body-file", answer.toString()));
            sameAnswers(pipeline.readApi, baseline, ids);
            List<Target> targets = List.of(new Target(READ_API, pipeline.readApi, "/orders/"),
                    new Target(JOIN, baseline, "/orders/"), new Target(CEILING, baseline, "/ceiling/orders/"));

            phases.add(measure("idle", wrk, targets, ids, pipeline, raw));
            try (SteadyOrderWriter writer = SteadyOrderWriter.start(pipeline, WRITE_RATE, CUSTOMERS, PRODUCTS, WRITERS)) {
                Thread.sleep(3000);
                Phase writes = measure("writes", wrk, targets, ids, pipeline, raw);
                writes.notes().add(String.format("writer: %d orders (+3 lines each) committed over %d connections, %.0f orders/s"
                        + " achieved (asked %d/s)", writer.orders(), WRITERS, writer.achievedRate(), WRITE_RATE));
                phases.add(writes);
            }
        }
        String report = header(wrk, ids) + summary(phases) + "\n## wrk raw output\n" + raw;
        System.out.println(report);
        write(directory, report);
    }

    /** 1000 customers, 100 products, ORDERS orders with 3 lines each (chunks of 1000 per transaction), served. */
    private static IdRange seed(Pipeline pipeline) throws Exception {
        Instant start = Instant.now();
        pipeline.execute("INSERT INTO customers (id, name, email, city) SELECT g, 'customer ' || g, 'c' || g || '@example.com', "
                + "'city ' || (g % 50) FROM generate_series(1, " + CUSTOMERS + ") g;"
                + "INSERT INTO products (id, sku, name, price_cents, stock) SELECT g, 'SKU-' || g, 'product ' || g, 1000 + g, 1000000 "
                + "FROM generate_series(1, " + PRODUCTS + ") g;");
        for (int done = 0; done < ORDERS; done += SEED_CHUNK) {
            int chunk = Math.min(SEED_CHUNK, ORDERS - done);
            pipeline.execute("WITH o AS (INSERT INTO orders (customer_id, total_cents) SELECT 1 + (g % " + CUSTOMERS + "), 3000 "
                    + "FROM generate_series(1, " + chunk + ") g RETURNING id) "
                    + "INSERT INTO order_lines (order_id, product_id, quantity, unit_price_cents) "
                    + "SELECT o.id, 1 + ((o.id * 3 + k * 37) % " + PRODUCTS + "), k, 1000 FROM o, generate_series(1, 3) k");
        }
        IdRange ids;
        try (var connection = pipeline.sql(); Statement statement = connection.createStatement();
                ResultSet range = statement.executeQuery("SELECT min(id), max(id) FROM orders")) {
            range.next();
            ids = new IdRange(range.getLong(1), range.getLong(2));
        }
        String token = pipeline.token();
        Instant deadline = Instant.now().plus(SERVE_TIMEOUT);
        // read-your-writes: read-api waits (up to its bound) until the orders checkpoint passes the token
        while (Http.get(pipeline.readApi.url("/orders/" + ids.last()), Map.of(ConsistencyToken.REQUEST_HEADER, token)).status() != 200) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("read-api did not serve the seeded orders within " + SERVE_TIMEOUT);
            }
            Thread.sleep(100); // a 504 has waited read-api's bound already; anything else: do not spin
        }
        System.out.printf("seeded %d orders (ids %d..%d) and read-api serves them after %.1f s%n", ORDERS, ids.first(), ids.last(),
                Duration.between(start, Instant.now()).toMillis() / 1e3);
        return ids;
    }

    /** The JOIN must answer exactly what read-api answers, or the comparison means nothing. */
    private static void sameAnswers(AppProcess readApi, AppProcess baseline, IdRange ids) {
        for (int i = 0; i < 50; i++) {
            long id = i == 0 ? ids.first() : i == 1 ? ids.last() : ids.random();
            JsonNode fromReadModel = Http.get(readApi.url("/orders/" + id), Map.of()).json();
            JsonNode fromJoin = Http.get(baseline.url("/orders/" + id), Map.of()).json();
            assertThat(fromJoin).as("JOIN answer for order %d", id).isEqualTo(fromReadModel);
        }
        assertThat(Http.get(baseline.url("/orders/" + (ids.last() + 1_000_000)), Map.of()).status()).isEqualTo(404);
    }

    private static Phase measure(String name, Wrk wrk, List<Target> targets, IdRange ids, Pipeline pipeline, StringBuilder raw) {
        Phase phase = new Phase(name, new LinkedHashMap<>(), new ArrayList<>());
        targets.forEach(target -> phase.results().put(target.name(), new ArrayList<>()));
        for (Target target : targets) {
            wrk.run(THREADS, CONNECTIONS, WARMUP, baseUrl(target), target.prefix(), ids.first(), ids.last());
        }
        for (int run = 1; run <= RUNS; run++) {
            List<Target> order = new ArrayList<>(targets);
            Collections.rotate(order, -(run - 1));
            for (Target target : order) {
                String load = loadAverage();
                Wrk.Result result = wrk.run(THREADS, CONNECTIONS, SECONDS, baseUrl(target), target.prefix(), ids.first(), ids.last());
                phase.results().get(target.name()).add(result);
                String lag = lagSeconds(pipeline);
                String line = String.format("%s run %d %-8s %8.0f req/s  p50 %7.2f ms  p99 %7.2f ms  non-2xx %d%s  (load avg before: %s; lag after: %s s)",
                        name, run, target.name(), result.requestsPerSecond(), result.p50Millis(), result.p99Millis(), result.non2xx(),
                        result.socketErrors().isEmpty() ? "" : "  " + result.socketErrors(), load, lag);
                System.out.println(line);
                raw.append("### ").append(line).append('\n').append("$ ")
                        .append(String.join(" ", wrk.command(THREADS, CONNECTIONS, SECONDS, baseUrl(target), target.prefix(), ids.first(), ids.last())))
                        .append('\n').append(result.raw()).append('\n');
            }
        }
        return phase;
    }

    private static String summary(List<Phase> phases) {
        StringBuilder summary = new StringBuilder("## summary (min / median / max over runs)\n");
        for (Phase phase : phases) {
            for (var target : phase.results().entrySet()) {
                List<Wrk.Result> results = target.getValue();
                summary.append(String.format("%-6s %-8s req/s %s | p50 ms %s | p99 ms %s | non-2xx %d | timeouts %d%n", phase.name(), target.getKey(),
                        spread(results.stream().map(Wrk.Result::requestsPerSecond).toList(), "%.0f"),
                        spread(results.stream().map(Wrk.Result::p50Millis).toList(), "%.2f"),
                        spread(results.stream().map(Wrk.Result::p99Millis).toList(), "%.2f"),
                        results.stream().mapToLong(Wrk.Result::non2xx).sum(), results.stream().mapToLong(Wrk.Result::timeouts).sum()));
            }
            for (String other : List.of(JOIN, CEILING)) {
                List<Double> ratios = new ArrayList<>();
                for (int run = 0; run < RUNS; run++) {
                    ratios.add(phase.results().get(READ_API).get(run).requestsPerSecond()
                            / phase.results().get(other).get(run).requestsPerSecond());
                }
                summary.append(String.format("%-6s ratio read-api/%s req/s (per run) %s%n", phase.name(), other, spread(ratios, "%.2f")));
            }
            phase.notes().forEach(note -> summary.append(phase.name()).append(' ').append(note).append('\n'));
        }
        return summary.toString();
    }

    private static String spread(List<Double> values, String format) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format(format + " / " + format + " / " + format, sorted.get(0), sorted.get((sorted.size() - 1) / 2),
                sorted.get(sorted.size() - 1));
    }

    private static String header(Wrk wrk, IdRange ids) {
        return String.format("""
                # reads: GET /orders/{id}, read-api vs JOIN on PostgreSQL vs HTTP ceiling
                settings: -Dbench.reads.seconds=%d -Dbench.reads.runs=%d -Dbench.reads.orders=%d -Dbench.reads.writeRate=%d \
                -Dbench.reads.warmup=%d -Dbench.reads.writers=%d; wrk -t%d -c%d, random ids %d..%d; %d customers, %d products, 3 lines per order
                machine: %d cores (shared: figures are indicative), Java %s
                command: ./mvnw -B verify -pl src-test-e2e -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
                -Dit.test=ReadsBenchmark -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.reads.seconds=%d -Dbench.reads.runs=%d \
                -Dbench.reads.orders=%d -Dbench.reads.writeRate=%d%s
                wrk: %s
                """, SECONDS, RUNS, ORDERS, WRITE_RATE, WARMUP, WRITERS, THREADS, CONNECTIONS, ids.first(), ids.last(), CUSTOMERS, PRODUCTS,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), SECONDS, RUNS, ORDERS, WRITE_RATE,
                System.getProperty("e2e.jvm.mongo-stand-in", "").isBlank() ? ""
                        : " -De2e.jvm.mongo-stand-in=" + System.getProperty("e2e.jvm.mongo-stand-in"),
                String.join(" ", wrk.command(THREADS, CONNECTIONS, SECONDS, "<url>", "<prefix>", ids.first(), ids.last())));
    }

    private static String baseUrl(Target target) {
        return target.app().url("/").toString();
    }

    /** The largest lag read-api reports over its projections, or "?" when it does not answer. */
    private static String lagSeconds(Pipeline pipeline) {
        try {
            double max = 0;
            for (JsonNode projection : Http.get(pipeline.readApi.url("/lag"), Map.of()).json().path("projections")) {
                max = Math.max(max, projection.path("lagSeconds").asDouble());
            }
            return String.format("%.1f", max);
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void write(Path directory, String report) throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path file = directory.resolve("reads-" + stamp + ".txt");
        Files.writeString(file, report);
        System.out.println("report: " + file);
    }
}
