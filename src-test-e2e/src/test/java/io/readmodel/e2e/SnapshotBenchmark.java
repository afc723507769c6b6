package io.readmodel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.readmodel.core.checkpoint.BridgeStatus;
import io.readmodel.core.checkpoint.BridgeStatusDocument;
import java.io.OutputStream;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Benchmark, not a test: it asserts nothing about speed. The initial snapshot of N rows that exist before the bridge
 * first starts, against PostgreSQL's own rate of handing out the same rows.
 *
 * <p>Each round runs on a fresh pipeline (fresh database and stand-in, bridge not started). The shop schema is filled
 * with {@code generate_series}: orders, 3 lines per order, one customer and one product per 10 orders (so that no
 * customer document aggregates a long history: that cost is the apply-rate benchmark's subject), N rows in all.
 * Reference: {@code COPY (SELECT * FROM t) TO STDOUT} of the four tables through pgjdbc's {@link CopyManager}, the
 * output discarded, timed in the same round before the bridge starts. Snapshot: from the bridge's process start
 * until the checkpoints of all three projections ({@code orders}, {@code customers}, {@code products}) pass a token
 * written once the snapshot had started (so after its snapshot position: the stream reaches the token only after
 * the last snapshot row). The bridge's own view (its {@code bridge_status} document: first and last snapshot row
 * applied) is reported beside it, and the live documents are counted at the end.
 *
 * <p>Size it first: on the MongoDB stand-in the snapshot's time grew about with the square of N in small runs
 * (20,000 rows: about 1 min, 40,000: about 4.5 min, on a loaded machine). The stand-in ignores secondary indexes,
 * so the bridge's fan-out and row-store queries ({@code _meta.refs}, {@code v.<parent key>}) scan whole
 * collections. A round that exceeds {@code -Dbench.snapshot.timeoutMinutes} (default 60) fails, and the report
 * still gets written with the rows done so far.
 *
 * <pre>
 * ./mvnw -B verify -pl src-test-e2e -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=SnapshotBenchmark -Dfailsafe.failIfNoSpecifiedTests=false \
 *     -Dbench.snapshot.rows=1000000 -Dbench.rounds=3 -De2e.jvm.mongo-stand-in=-Xmx6g
 * </pre>
 */
class SnapshotBenchmark {

    private static final long ROWS = Long.getLong("bench.snapshot.rows", 1_000_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final Duration TIMEOUT = Duration.ofMinutes(Long.getLong("bench.snapshot.timeoutMinutes", 60));
    private static final List<String> PROJECTIONS = List.of("orders", "customers", "products");
    private static final List<String> TABLES = List.of("customers", "products", "orders", "order_lines");

    @Test
    void initialSnapshotAgainstCopyOfTheSameRows() throws Exception {
        ShopRows shape = ShopRows.of(ROWS);
        StringBuilder report = new StringBuilder(String.format(
                "# initial snapshot vs COPY TO STDOUT: %d rows (%d customers, %d products, %d orders, %d order lines), %d round(s)%n"
                        + "# stand-in JVM options: %s; bridge JVM options: %s%n",
                shape.total(), shape.customers(), shape.products(), shape.orders(), shape.lines(), ROUNDS,
                System.getProperty("e2e.jvm.mongo-stand-in", ""), System.getProperty("e2e.jvm.cdc-bridge", "")));
        List<Double> snapshotRates = new ArrayList<>();
        List<Double> copyRates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            Round result;
            try {
                result = round(shape);
            } catch (RuntimeException | AssertionError failed) {
                // keep what was measured: a round that does not finish in time says so in the report
                report.append("round ").append(round).append(" failed: ").append(failed.getMessage().lines().findFirst().orElse(""))
                        .append('\n');
                System.out.print(report);
                Benchmarks.write("snapshot", report.toString());
                throw failed;
            }
            snapshotRates.add(result.snapshotRate());
            copyRates.add(result.copyRate());
            ratios.add(result.snapshotRate() / result.copyRate());
            String line = String.format("round %d: loaded %d rows in %.1f s; COPY %d rows in %.2f s = %.0f rows/s; "
                            + "snapshot (bridge start -> 3 checkpoints past the token) %.1f s = %.0f rows/s; ratio snapshot/COPY %.4f; "
                            + "bridge's own view: first snapshot row applied %.1f s after start, last at %.1f s (%d rows, %.0f rows/s between them); "
                            + "tables seen done at (s after start, +-1 s) %s; live documents %s; RSS at the end: bridge %d MB, stand-in %d MB; "
                            + "load average at the bridge's start %s, at the end %s",
                    round, shape.total(), result.loadSeconds(), result.copiedRows(), result.copySeconds(), result.copyRate(),
                    result.snapshotSeconds(), result.snapshotRate(), result.snapshotRate() / result.copyRate(),
                    result.firstRowSeconds(), result.lastRowSeconds(), result.bridgeRows(),
                    result.bridgeRows() / Math.max(0.001, result.lastRowSeconds() - result.firstRowSeconds()),
                    result.tableDoneSeconds(), result.documents(), result.bridgeRssMb(), result.standInRssMb(),
                    result.loadAtStart(), result.loadAtEnd());
            System.out.println(line);
            report.append(line).append('\n').append(result.cpu()).append("  the bridge's progress lines:\n").append(result.progressLines());
        }
        report.append(Benchmarks.summary("snapshot rows/s", snapshotRates));
        report.append(Benchmarks.summary("COPY rows/s", copyRates));
        report.append(Benchmarks.summary("ratio snapshot/COPY", ratios, 4));
        System.out.print(report);
        Benchmarks.write("snapshot", report.toString());
        assertThat(ratios).hasSize(ROUNDS);
    }

    private record Round(double loadSeconds, long copiedRows, double copySeconds, long rows, double snapshotSeconds,
            double firstRowSeconds, double lastRowSeconds, long bridgeRows, Map<String, Long> documents, long bridgeRssMb,
            long standInRssMb, Map<String, Double> tableDoneSeconds, String progressLines, String loadAtStart, String loadAtEnd,
            String cpu) {

        double copyRate() {
            return copiedRows / copySeconds;
        }

        double snapshotRate() {
            return rows / snapshotSeconds;
        }
    }

    private static Round round(ShopRows shape) throws Exception {
        try (Pipeline pipeline = Pipeline.named("bench-snapshot").deferBridge().start()) {
            long loadStart = System.nanoTime();
            pipeline.execute(shape.loadScript());
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

            long postmaster = CpuTimes.postmaster(pipeline);
            CpuTimes.Sample beforeCopy = CpuTimes.take(pipeline, postmaster);
            long copyStart = System.nanoTime();
            long copied = copy(pipeline);
            double copySeconds = (System.nanoTime() - copyStart) / 1e9;
            CpuTimes.Sample afterCopy = CpuTimes.take(pipeline, postmaster);
            assertThat(copied).as("rows COPY handed out").isEqualTo(shape.total());

            String loadAtStart = Benchmarks.loadAverage();
            pipeline.bridge.start();
            Instant started = pipeline.bridge.startedAt();
            Instant deadline = started.plus(TIMEOUT);
            Map<String, Double> tableDone = new LinkedHashMap<>();
            String token = null;
            long polledStatus = 0;
            while (token == null || !allPassed(pipeline, token)) {
                if (!pipeline.bridge.isAlive()) {
                    throw new IllegalStateException("the bridge exited; log tail:\n" + pipeline.bridge.logTail());
                }
                if (Instant.now().isAfter(deadline)) {
                    BridgeStatus status = status(pipeline);
                    long done = status == null || status.snapshot() == null ? 0 : status.snapshot().rowsDone();
                    throw new IllegalStateException(String.format("the snapshot did not finish within %s (-Dbench.snapshot.timeoutMinutes): "
                                    + "the bridge had applied %d of %d snapshot rows, tables seen done at %s; log tail:%n%s",
                            TIMEOUT, done, shape.total(), tableDone, pipeline.bridge.logTail()));
                }
                if (token == null || System.nanoTime() - polledStatus > 1_000_000_000L) {
                    polledStatus = System.nanoTime();
                    BridgeStatus status = status(pipeline);
                    if (status != null && status.snapshot() != null) {
                        noteFinishedTables(status.snapshot(), started, tableDone);
                        if (token == null) {
                            // the snapshot's position is fixed once its first row is applied: this token lies after it
                            token = pipeline.token();
                            continue;
                        }
                    }
                }
                Thread.sleep(100);
            }
            Instant done = Instant.now();
            CpuTimes.Sample afterSnapshot = CpuTimes.take(pipeline, postmaster);
            String cpu = CpuTimes.report("  COPY", List.of(beforeCopy, afterCopy), List.of("COPY"), shape.total())
                    + CpuTimes.report("  snapshot", List.of(afterCopy, afterSnapshot), List.of("bridge start to applied"), shape.total());
            String loadAtEnd = Benchmarks.loadAverage();
            double snapshotSeconds = Duration.between(started, done).toNanos() / 1e9;
            long bridgeRss = Benchmarks.residentMegabytes(pipeline.bridge);
            long standInRss = Benchmarks.residentMegabytes(pipeline.mongo);

            BridgeStatus.Snapshot snapshot = finishedSnapshot(pipeline);
            noteFinishedTables(snapshot, started, tableDone);
            Map<String, Long> documents = new LinkedHashMap<>();
            for (String projection : PROJECTIONS) {
                documents.put(projection, Benchmarks.liveDocuments(pipeline, projection));
            }
            String progress = pipeline.bridge.log().lines().filter(line -> line.contains("snapshot progress:"))
                    .map(line -> "    " + line + "\n").collect(Collectors.joining());
            Benchmarks.forgetMongo(pipeline);
            assertThat(documents).as("live documents after the snapshot").isEqualTo(shape.documents());
            return new Round(loadSeconds, copied, copySeconds, shape.total(), snapshotSeconds,
                    Duration.between(started, snapshot.startedAt()).toMillis() / 1000.0,
                    Duration.between(started, snapshot.finishedAt()).toMillis() / 1000.0, snapshot.rowsDone(), documents,
                    bridgeRss, standInRss, tableDone, progress, loadAtStart, loadAtEnd, cpu);
        }
    }

    /** Notes, in seconds since the bridge started, when each table was first seen done (the status is rewritten every second). */
    private static void noteFinishedTables(BridgeStatus.Snapshot snapshot, Instant started, Map<String, Double> tableDone) {
        double now = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        for (BridgeStatus.TableProgress table : snapshot.tables()) {
            if (table.done()) {
                tableDone.putIfAbsent(table.table(), now);
            }
        }
    }

    private static boolean allPassed(Pipeline pipeline, String token) {
        return PROJECTIONS.stream().allMatch(projection -> Benchmarks.checkpointPassed(pipeline, projection, token));
    }

    /** COPY of every row of the four tables to a discarding stream; returns the rows copied. */
    private static long copy(Pipeline pipeline) throws Exception {
        long rows = 0;
        try (Connection connection = pipeline.sql()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String table : TABLES) {
                rows += copy.copyOut("COPY (SELECT * FROM " + table + ") TO STDOUT", OutputStream.nullOutputStream());
            }
        }
        return rows;
    }

    private static BridgeStatus status(Pipeline pipeline) {
        Document stored = Benchmarks.mongo(pipeline).getDatabase("readmodel").getCollection(BridgeStatusDocument.COLLECTION)
                .find().first();
        return stored == null ? null : BridgeStatusDocument.fromDocument(stored);
    }

    /** The bridge's status once it says the snapshot finished (it rewrites the status every second). */
    private static BridgeStatus.Snapshot finishedSnapshot(Pipeline pipeline) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            BridgeStatus status = status(pipeline);
            if (status != null && status.snapshot() != null && status.snapshot().finishedAt() != null) {
                return status.snapshot();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the bridge never reported its snapshot finished: " + status);
            }
            Thread.sleep(200);
        }
    }
}
