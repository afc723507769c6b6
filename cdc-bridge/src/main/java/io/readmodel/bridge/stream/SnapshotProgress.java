package io.readmodel.bridge.stream;

import io.readmodel.bridge.config.BridgeConfig;
import io.readmodel.bridge.config.SourceConnections;
import io.readmodel.bridge.metrics.BridgeMetrics;
import io.readmodel.bridge.projection.ProjectionCatalog;
import io.readmodel.core.checkpoint.BridgeStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Counts the rows an initial snapshot has applied, per table, against the rows each table is expected to hold, so
 * that operators see how far it is and how long it will take: as metrics
 * ({@code readmodel_bridge_snapshot_rows_total{table}}, {@code readmodel_bridge_snapshot_rows_expected{table}},
 * {@code readmodel_bridge_snapshot_running}), as a log line every {@value #LOG_EVERY_SECONDS} seconds (the launcher
 * echoes it) and in the {@code bridge_status} document read-api's status page shows.
 *
 * <p>Debezium's snapshot reads the tables one after another; a row of a new table means the previous one is done,
 * and the record marked {@code last} ends the snapshot. The expected counts are taken when the first snapshot row
 * arrives, off the stream's thread: an exact {@code count(*)} for tables the planner estimates under
 * {@value #EXACT_COUNT_LIMIT} rows, the estimate itself ({@code pg_class.reltuples}) above that.
 */
@ApplicationScoped
public class SnapshotProgress {

    private static final Logger LOG = Logger.getLogger(SnapshotProgress.class);
    static final int LOG_EVERY_SECONDS = 5;
    static final long EXACT_COUNT_LIMIT = 1_000_000;

    private final BridgeConfig config;
    private final ProjectionCatalog catalog;
    private final BridgeMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    // guarded by "this"
    private final Map<String, long[]> tables = new LinkedHashMap<>(); // table -> {done, expected, finished (0/1)}
    private boolean running;
    private Instant startedAt;
    private Instant finishedAt;
    private String current;
    private Instant loggedAt;
    private long generation;

    SnapshotProgress(BridgeConfig config, ProjectionCatalog catalog, BridgeMetrics metrics) {
        this.config = config;
        this.catalog = catalog;
        this.metrics = metrics;
    }

    /** The stream (re)starts: a snapshot cut short starts over from its first table, so its counts do too. */
    public synchronized void streamStarting() {
        if (running) {
            LOG.info("snapshot progress: the stream restarted during the snapshot, which starts over");
            running = false;
            tables.clear();
            startedAt = null;
        }
    }

    /** Counts the snapshot rows among events whose writes were just acknowledged. */
    void applied(List<SourceEvent> events) {
        for (SourceEvent event : events) {
            if (event instanceof SourceEvent.RowEvent row && row.snapshot()) {
                row(row.row().table(), row.lastOfSnapshot());
            }
        }
        logIfDue(false);
    }

    /**
     * Counts rows a bulk initial load has read of one table ({@code last}: the load is written, the snapshot is over).
     */
    void loaded(String table, long rows, boolean last) {
        rows(table, rows, last);
        logIfDue(false);
    }

    private void row(String table, boolean last) {
        rows(table, 1, last);
    }

    private synchronized void rows(String table, long count, boolean last) {
        Instant now = clock.instant();
        if (!running) {
            start(now);
        }
        if (!table.equals(current)) {
            if (current != null) {
                tables.get(current)[2] = 1;
            }
            current = table;
        }
        tables.computeIfAbsent(table, name -> new long[] {0, -1, 0})[0] += count;
        metrics.snapshotRows(table, count);
        if (last) {
            running = false;
            finishedAt = now;
            tables.values().forEach(counts -> counts[2] = 1);
            metrics.snapshotRunning(false);
            logIfDue(true);
        }
    }

    private void start(Instant now) {
        running = true;
        startedAt = now;
        finishedAt = null;
        current = null;
        loggedAt = now;
        tables.clear();
        catalog.projector().tables().stream().sorted().forEach(table -> tables.put(table, new long[] {0, -1, 0}));
        metrics.snapshotRunning(true);
        long started = ++generation;
        LOG.infof("snapshot progress: initial snapshot started over %d table(s)", tables.size());
        CompletableFuture.runAsync(() -> expect(started, countRows(List.copyOf(tables.keySet()))));
    }

    private synchronized void expect(long ofGeneration, Map<String, Long> expected) {
        expected.forEach((table, rows) -> {
            metrics.snapshotExpected(table, rows);
            long[] counts = tables.get(table);
            if (ofGeneration == generation && counts != null) {
                counts[1] = rows;
            }
        });
    }

    private void logIfDue(boolean force) {
        String line;
        synchronized (this) {
            Instant now = clock.instant();
            if (startedAt == null || (!force && (!running || Duration.between(loggedAt, now).toSeconds() < LOG_EVERY_SECONDS))) {
                return;
            }
            loggedAt = now;
            line = describe(snapshot(), now);
        }
        LOG.info(line);
    }

    /** The progress line the log, and the launcher's console, show. */
    static String describe(BridgeStatus.Snapshot snapshot, Instant now) {
        StringBuilder line = new StringBuilder("snapshot progress: ");
        long done = snapshot.rowsDone();
        long expected = snapshot.rowsExpected();
        line.append(snapshot.running() ? "" : "finished, ").append(done).append(" of ").append(expected).append(" rows");
        if (expected > 0) {
            line.append(String.format(" (%.0f%%)", 100.0 * done / expected));
        }
        line.append(String.format(", %.0f rows/s", snapshot.rowsPerSecond(now)));
        Duration left = snapshot.timeLeft(now);
        if (snapshot.running()) {
            line.append(left == null ? ", time left unknown" : ", about " + left.toSeconds() + " s left");
        } else if (snapshot.finishedAt() != null && snapshot.startedAt() != null) {
            line.append(" in ").append(Duration.between(snapshot.startedAt(), snapshot.finishedAt()).toMillis() / 1000.0).append(" s");
        }
        line.append(";");
        for (BridgeStatus.TableProgress table : snapshot.tables()) {
            line.append(' ').append(table.table()).append(' ').append(table.rowsDone()).append('/')
                    .append(table.rowsExpected() < 0 ? "?" : Long.toString(table.rowsExpected()))
                    .append(table.done() ? " done" : "");
        }
        return line.toString();
    }

    /** The latest snapshot's progress, or {@code null} when none ran in this process. */
    public synchronized BridgeStatus.Snapshot snapshot() {
        if (startedAt == null) {
            return null;
        }
        List<BridgeStatus.TableProgress> progress = new ArrayList<>();
        tables.forEach((table, counts) -> progress.add(new BridgeStatus.TableProgress(table, counts[0], counts[1], counts[2] == 1)));
        return new BridgeStatus.Snapshot(running, startedAt, finishedAt, progress);
    }

    private Map<String, Long> countRows(List<String> names) {
        Map<String, Long> counts = new LinkedHashMap<>();
        BridgeConfig.Source source = config.source();
        try (Connection connection = SourceConnections.open(source)) {
            for (String table : names) {
                counts.put(table, countRows(connection, source.schema(), table));
            }
        } catch (SQLException e) {
            LOG.warnf("snapshot progress: cannot count the tables' rows (%s); totals stay unknown", e.getMessage());
        }
        return counts;
    }

    private static long countRows(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement estimate = connection.prepareStatement(
                "SELECT c.reltuples::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            estimate.setString(1, schema);
            estimate.setString(2, table);
            try (ResultSet result = estimate.executeQuery()) {
                long estimated = result.next() ? result.getLong(1) : -1;
                if (estimated >= EXACT_COUNT_LIMIT) {
                    return estimated;
                }
            }
        }
        try (Statement count = connection.createStatement();
                ResultSet result = count.executeQuery("SELECT count(*) FROM " + SourceConnections.qualifiedName(connection, schema, table))) {
            result.next();
            return result.getLong(1);
        }
    }
}
