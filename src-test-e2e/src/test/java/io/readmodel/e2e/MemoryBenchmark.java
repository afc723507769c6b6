package io.readmodel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: it asserts nothing about speed or size. Memory under a sustained steady load: does any
 * process grow without bound?
 *
 * <p>Each round runs on a fresh pipeline, seeded with C customers and C/10 products. For M minutes a writer commits
 * orders with 3 lines (plain JDBC, one transaction per order) at R rows/s while a reader reads orders, customers and
 * a customer's orders from read-api at a few requests per second. Every S seconds the resident set ({@code VmRSS})
 * of the bridge, read-api and the MongoDB stand-in is sampled, with read-api's largest lag. Reported per process:
 * first, last and largest RSS and the slope (least squares, MB/min) over the second half of the round, the
 * warm-up excluded; whether the pipeline kept up: the lag over the round and how long the checkpoints took to pass
 * a token written when the load stopped. The stand-in keeps every document in its heap, so it is expected to grow
 * with the data (the row count is in the table); the bridge and read-api should not.
 *
 * <pre>
 * ./mvnw -B verify -pl src-test-e2e -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=MemoryBenchmark -Dfailsafe.failIfNoSpecifiedTests=false \
 *     -Dbench.memory.minutes=10 -Dbench.memory.rowsPerSecond=400 -Dbench.rounds=3 -De2e.jvm.mongo-stand-in=-Xmx6g
 * </pre>
 */
class MemoryBenchmark {

    private static final Duration LOAD = Duration.ofSeconds(Math.round(60 * Double.parseDouble(System.getProperty("bench.memory.minutes", "10"))));
    private static final int ROWS_PER_SECOND = Integer.getInteger("bench.memory.rowsPerSecond", 400);
    private static final int READS_PER_SECOND = Integer.getInteger("bench.memory.readsPerSecond", 20);
    private static final int CUSTOMERS = Integer.getInteger("bench.memory.customers", 10_000);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(Long.getLong("bench.memory.sampleSeconds", 10));
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    /** How long to wait for the checkpoints to pass the final token; not caught up by then is reported as "Infinity". */
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(Long.getLong("bench.memory.catchUpMinutes", 10));
    /** Kept up: the lag stayed under this bound and the checkpoints passed the final token within it. */
    private static final double KEPT_UP_SECONDS = 5;
    private static final List<String> PROCESSES = List.of("cdc-bridge", "read-api", "mongo-stand-in");

    @Test
    void residentMemoryUnderSustainedLoad() throws Exception {
        StringBuilder report = new StringBuilder(String.format(
                "# memory under steady load: %d rows/s (orders + 3 lines), %d reads/s, %.1f min per round, %d customers, sample every %d s, %d round(s)%n"
                        + "# JVM options: bridge and read-api -Xmx512m %s; stand-in %s%n",
                ROWS_PER_SECOND, READS_PER_SECOND, LOAD.toSeconds() / 60.0, CUSTOMERS, SAMPLE_EVERY.toSeconds(), ROUNDS,
                System.getProperty("e2e.jvm.cdc-bridge", ""), System.getProperty("e2e.jvm.mongo-stand-in", "")));
        Map<String, List<Double>> slopes = Map.of("cdc-bridge", new ArrayList<>(), "read-api", new ArrayList<>(),
                "mongo-stand-in", new ArrayList<>());
        Map<String, List<Double>> lasts = Map.of("cdc-bridge", new ArrayList<>(), "read-api", new ArrayList<>(),
                "mongo-stand-in", new ArrayList<>());
        for (int round = 1; round <= ROUNDS; round++) {
            Round result = round();
            report.append("\n## round ").append(round).append('\n').append(result.table());
            String summary = result.summary(round);
            System.out.print(summary);
            report.append(summary);
            for (int p = 0; p < PROCESSES.size(); p++) {
                slopes.get(PROCESSES.get(p)).add(result.slope(p));
                lasts.get(PROCESSES.get(p)).add((double) result.samples().get(result.samples().size() - 1).rssMb()[p]);
            }
        }
        report.append('\n');
        for (String process : PROCESSES) {
            report.append(Benchmarks.summary(process + " RSS slope over the second half, MB/min", slopes.get(process)));
            report.append(Benchmarks.summary(process + " last RSS, MB", lasts.get(process)));
        }
        System.out.print(report);
        Benchmarks.write("memory", report.toString());
        assertThat(slopes.get("cdc-bridge")).hasSize(ROUNDS);
    }

    /** One sample: seconds since the load started, rows committed, largest lag, RSS (MB) of each of PROCESSES. */
    private record Sample(double seconds, long rows, double lagSeconds, long[] rssMb) {
    }

    private record Round(List<Sample> samples, long rows, double loadSeconds, long reads, long readsNotFound, long readErrors,
            double catchUpSeconds, String loadAtStart, String loadAtEnd) {

        /** Least-squares slope of a process's RSS, MB per minute, over the samples of the second half. */
        double slope(int process) {
            double half = samples.get(samples.size() - 1).seconds() / 2;
            List<Sample> late = samples.stream().filter(sample -> sample.seconds() >= half && sample.rssMb()[process] >= 0).toList();
            if (late.size() < 2) {
                return Double.NaN;
            }
            double meanT = late.stream().mapToDouble(sample -> sample.seconds() / 60).average().orElseThrow();
            double meanM = late.stream().mapToDouble(sample -> sample.rssMb()[process]).average().orElseThrow();
            double covariance = 0;
            double variance = 0;
            for (Sample sample : late) {
                double t = sample.seconds() / 60 - meanT;
                covariance += t * (sample.rssMb()[process] - meanM);
                variance += t * t;
            }
            return covariance / variance;
        }

        double maxLag() {
            return samples.stream().mapToDouble(Sample::lagSeconds).max().orElse(Double.NaN);
        }

        String table() {
            StringBuilder table = new StringBuilder("| t (s) | rows committed | max lag (s) | bridge RSS (MB) | read-api RSS (MB) | stand-in RSS (MB) |\n"
                    + "| ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (Sample sample : samples) {
                table.append(String.format("| %.0f | %d | %.2f | %d | %d | %d |%n", sample.seconds(), sample.rows(), sample.lagSeconds(),
                        sample.rssMb()[0], sample.rssMb()[1], sample.rssMb()[2]));
            }
            return table.toString();
        }

        String summary(int round) {
            StringBuilder line = new StringBuilder(String.format(
                    "round %d: committed %d rows in %.1f s = %.0f rows/s (target %d); %d reads (%d not yet projected, %d errors); "
                            + "max lag %.2f s, checkpoints past the final token %.2f s after the load stopped: kept up %s "
                            + "(lag and catch-up <= %.0f s); load average at the start %s, at the end %s%n",
                    round, rows, loadSeconds, rows / loadSeconds, ROWS_PER_SECOND, reads, readsNotFound, readErrors, maxLag(), catchUpSeconds,
                    maxLag() <= KEPT_UP_SECONDS && catchUpSeconds <= KEPT_UP_SECONDS ? "yes" : "NO", KEPT_UP_SECONDS, loadAtStart,
                    loadAtEnd));
            for (int p = 0; p < PROCESSES.size(); p++) {
                int process = p;
                long max = samples.stream().mapToLong(sample -> sample.rssMb()[process]).max().orElse(-1);
                line.append(String.format("round %d: %s RSS first %d MB, last %d MB, max %d MB, slope over the second half %.1f MB/min%n",
                        round, PROCESSES.get(p), samples.get(0).rssMb()[p], samples.get(samples.size() - 1).rssMb()[p], max, slope(p)));
            }
            return line.toString();
        }
    }

    private static Round round() throws Exception {
        try (Pipeline pipeline = Pipeline.start("bench-memory")) {
            seed(pipeline);
            AppProcess[] processes = {pipeline.bridge, pipeline.readApi, pipeline.mongo};
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong rows = new AtomicLong();
            AtomicLong lastOrder = new AtomicLong();
            AtomicLong reads = new AtomicLong();
            AtomicLong notFound = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    write(pipeline, running, rows, lastOrder);
                } catch (Throwable e) {
                    writerFailure.set(e);
                }
            }, "memory-writer");
            Thread reader = new Thread(() -> read(pipeline, running, lastOrder, reads, notFound, errors), "memory-reader");
            List<Sample> samples = new ArrayList<>();
            String loadAtStart = Benchmarks.loadAverage();
            long start = System.nanoTime();
            samples.add(sample(pipeline, processes, 0, 0));
            writer.start();
            reader.start();
            long next = start;
            while (System.nanoTime() - start < LOAD.toNanos()) {
                next += SAMPLE_EVERY.toNanos();
                sleepUntil(Math.min(next, start + LOAD.toNanos()));
                if (writerFailure.get() != null) {
                    throw new IllegalStateException("the writer failed", writerFailure.get());
                }
                samples.add(sample(pipeline, processes, (System.nanoTime() - start) / 1e9, rows.get()));
            }
            running.set(false);
            writer.join();
            reader.join();
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            String loadAtEnd = Benchmarks.loadAverage();
            long stopped = System.nanoTime();
            String token = pipeline.token();
            Instant deadline = Instant.now().plus(CATCH_UP_TIMEOUT);
            double catchUp = Double.POSITIVE_INFINITY;
            while (Instant.now().isBefore(deadline)) {
                if (Benchmarks.checkpointPassed(pipeline, "orders", token) && Benchmarks.checkpointPassed(pipeline, "customers", token)) {
                    catchUp = (System.nanoTime() - stopped) / 1e9;
                    break;
                }
                Thread.sleep(20);
            }
            Benchmarks.forgetMongo(pipeline);
            return new Round(samples, rows.get(), loadSeconds, reads.get(), notFound.get(), errors.get(), catchUp, loadAtStart, loadAtEnd);
        }
    }

    private static Sample sample(Pipeline pipeline, AppProcess[] processes, double seconds, long rows) {
        long[] rss = new long[processes.length];
        for (int p = 0; p < processes.length; p++) {
            rss[p] = Benchmarks.residentMegabytes(processes[p]);
        }
        double lag;
        try {
            lag = Benchmarks.lagSeconds(pipeline);
        } catch (RuntimeException unanswered) {
            lag = Double.NaN;
        }
        return new Sample(seconds, rows, lag, rss);
    }

    private static void seed(Pipeline pipeline) throws Exception {
        pipeline.execute(String.format("""
                INSERT INTO customers (id, name, email, city) SELECT g, 'customer ' || g, 'c' || g || '@example.com', 'city' FROM generate_series(1, %1$d) g;
                INSERT INTO products (id, sku, name, price_cents, stock) SELECT g, 'SKU-' || g, 'product ' || g, 1000, 1000000 FROM generate_series(1, %2$d) g;
                """, CUSTOMERS, products()));
        String token = pipeline.token();
        Instant deadline = Instant.now().plus(CATCH_UP_TIMEOUT);
        while (!Benchmarks.checkpointPassed(pipeline, "customers", token) || !Benchmarks.checkpointPassed(pipeline, "products", token)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the seed was not applied within " + CATCH_UP_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    private static int products() {
        return Math.max(1, CUSTOMERS / 10);
    }

    /** Orders with 3 lines, one transaction each, paced to ROWS_PER_SECOND (4 rows per order). */
    private static void write(Pipeline pipeline, AtomicBoolean running, AtomicLong rows, AtomicLong lastOrder) throws Exception {
        long interval = Math.round(4e9 / ROWS_PER_SECOND);
        try (Connection connection = pipeline.sql()) {
            OrderInserts inserts = new OrderInserts(connection);
            long next = System.nanoTime();
            while (running.get()) {
                long id = inserts.insert(1 + ThreadLocalRandom.current().nextInt(CUSTOMERS), products());
                rows.addAndGet(OrderInserts.ROWS_PER_ORDER);
                lastOrder.set(id);
                next += interval;
                // behind by more than a second: do not burst to make up for it (the rate reported is the real one)
                next = Math.max(next, System.nanoTime() - 1_000_000_000L);
                sleepUntil(next);
            }
        }
    }

    /** Reads an order, a customer, or a customer's latest orders from read-api, paced to READS_PER_SECOND. */
    private static void read(Pipeline pipeline, AtomicBoolean running, AtomicLong lastOrder, AtomicLong reads, AtomicLong notFound,
            AtomicLong errors) {
        long interval = Math.round(1e9 / READS_PER_SECOND);
        long next = System.nanoTime();
        while (running.get()) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String path = switch ((int) (reads.get() % 3)) {
                case 0 -> lastOrder.get() == 0 ? "/customers/1" : "/orders/" + (1 + random.nextLong(lastOrder.get()));
                case 1 -> "/customers/" + (1 + random.nextInt(CUSTOMERS));
                default -> "/customers/" + (1 + random.nextInt(CUSTOMERS)) + "/orders?limit=10";
            };
            try {
                int status = Http.get(pipeline.readApi.url(path), Map.of()).status();
                if (status == 404) {
                    notFound.incrementAndGet();
                } else if (status != 200) {
                    errors.incrementAndGet();
                }
            } catch (RuntimeException failed) {
                errors.incrementAndGet();
            }
            reads.incrementAndGet();
            next += interval;
            next = Math.max(next, System.nanoTime() - 1_000_000_000L);
            sleepUntil(next);
        }
    }

    private static void sleepUntil(long nanoTime) {
        long sleep = nanoTime - System.nanoTime();
        if (sleep > 0) {
            try {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
