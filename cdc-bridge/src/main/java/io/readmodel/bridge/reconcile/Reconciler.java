package io.readmodel.bridge.reconcile;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.readmodel.bridge.config.BridgeConfig;
import io.readmodel.bridge.config.SourceConnections;
import io.readmodel.bridge.heap.HeapBudget;
import io.readmodel.bridge.projection.ProjectionCatalog;
import io.readmodel.bridge.store.MongoReadModel;
import io.readmodel.bridge.store.BatchApplier;
import io.readmodel.core.change.RowChange;
import io.readmodel.core.change.RowKey;
import io.readmodel.core.definition.ProjectionDefinition;
import io.readmodel.core.engine.ChangeProjector;
import io.readmodel.core.testkit.InMemoryReadModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.jboss.logging.Logger;

/**
 * Computes a projection's expected documents straight from PostgreSQL (every row of its tables, read in one
 * snapshot, projected by the same definition) and diffs them against MongoDB. On request it repairs the drift
 * by merging that snapshot, positioned just before it was taken, into the read model, in batches like the stream's:
 * like any change, the merge never hides a later one.
 *
 * <p>A reconciliation holds the projection's rows and documents in the heap, so it runs only when they fit
 * ({@link HeapBudget}) and one at a time: a request while another runs is refused ({@link ReconciliationBusyException}).
 */
@ApplicationScoped
public class Reconciler {

    /**
     * Heap bytes per byte of table on disk a reconciliation takes: it holds the rows, the expected documents and
     * both sides as JSON; a repair adds one batch of at most {@code bridge.max-batch-size} rows at a time. Measured
     * on the shop schema (InitialLoadIT with {@code -De2e.initial-load.rows=100000}, heap in use after a full
     * collection logged right after comparing, 2026-12-07): 145 MB retained for 7,208 kB of tables, 20 bytes per
     * table byte, plus room for what is allocated and dropped on the way.
     */
    static final long HEAP_BYTES_PER_TABLE_BYTE = 32;

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private static final int EXAMPLES = 5;
    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private final BridgeConfig config;
    private final ProjectionCatalog catalog;
    private final MongoClient mongo;
    private final ReconciliationMetrics metrics;
    private final ReconciliationGate gate = new ReconciliationGate(Clock.systemUTC());

    Reconciler(BridgeConfig config, ProjectionCatalog catalog, MongoClient mongo, ReconciliationMetrics metrics) {
        this.config = config;
        this.catalog = catalog;
        this.mongo = mongo;
        this.metrics = metrics;
    }

    /**
     * Reconciles one projection, repairing what differs when asked.
     *
     * @throws ReconciliationBusyException while another reconciliation runs
     * @throws HeapTooSmallException when the projection's tables would not fit in the heap
     */
    public ReconciliationReport reconcile(String projection, boolean repair) {
        ProjectionDefinition definition = catalog.definition(projection);
        return gate.run(projection, () -> {
            checkHeap(definition);
            return reconcileAlone(definition, repair);
        });
    }

    private ReconciliationReport reconcileAlone(ProjectionDefinition definition, boolean repair) {
        long started = System.nanoTime();
        ReconciliationReport found = findAndRepair(definition, repair);
        int remaining = repair ? compare(definition, snapshot(definition)).drift() : -1;
        if (repair) {
            LOG.infof("reconciliation of '%s': %d drifted documents after the repair (heap in use %d MB)", definition.name(), remaining,
                    HeapBudget.usedHeapMb());
        }
        ReconciliationReport report = found.completed(repair, remaining, (System.nanoTime() - started) / 1_000_000);
        metrics.record(report);
        return report;
    }

    /** Compares, repairs when asked, and lets go of the snapshot and the comparison before the check that follows. */
    private ReconciliationReport findAndRepair(ProjectionDefinition definition, boolean repair) {
        SourceSnapshot snapshot = snapshot(definition);
        Comparison comparison = compare(definition, snapshot);
        ReconciliationReport report = comparison.report(definition.name(), snapshot);
        LOG.infof("reconciliation of '%s': %d rows read, %d documents expected, %d found, %d drifted (heap in use %d MB)",
                definition.name(), snapshot.changes().size(), report.expected(), report.actual(), report.drift(), HeapBudget.usedHeapMb());
        if (repair && report.drift() > 0) {
            repair(definition, snapshot, comparison);
            LOG.infof("reconciliation of '%s': repaired (heap in use %d MB)", definition.name(), HeapBudget.usedHeapMb());
        }
        return report;
    }

    /** Refuses a reconciliation whose rows and documents would not fit in the heap, before it reads anything. */
    private void checkHeap(ProjectionDefinition definition) {
        BridgeConfig.Source source = config.source();
        HeapBudget budget;
        try (Connection connection = SourceConnections.open(source)) {
            budget = HeapBudget.measure(connection, source.schema(), definition.tables(), HEAP_BYTES_PER_TABLE_BYTE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the source tables' size: " + e.getMessage(), e);
        }
        if (!budget.fits()) {
            throw new HeapTooSmallException("reconciliation of '" + definition.name() + "' refused: " + budget.describe()
                    + ". Start the bridge with a larger heap (" + budget.largerHeapOption() + " or more); nothing was read or changed");
        }
    }

    private SourceSnapshot snapshot(ProjectionDefinition definition) {
        BridgeConfig.Source source = config.source();
        try (Connection connection = SourceConnections.open(source)) {
            return SourceSnapshot.read(connection, source.schema(), definition.tables());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the source snapshot: " + e.getMessage(), e);
        }
    }

    private Comparison compare(ProjectionDefinition definition, SourceSnapshot snapshot) {
        InMemoryReadModel expectedModel = new InMemoryReadModel(new ChangeProjector(List.of(definition)));
        expectedModel.apply(snapshot.changes());
        Map<String, String> expected = new TreeMap<>();
        expectedModel.views(definition.name()).forEach((id, view) -> expected.put(String.valueOf(id), new Document(view).toJson(JSON)));
        Map<String, String> actual = new TreeMap<>();
        // the view only: the bridge's state under _meta (components, aggregates) is most of a document's size
        for (Document stored : mongo.getDatabase(config.database()).getCollection(definition.name())
                .find(Filters.eq("_meta.live", true)).projection(Projections.exclude("_meta")).batchSize(MongoReadModel.CURSOR_BATCH)) {
            String id = String.valueOf(stored.get("_id"));
            stored.remove("_id");
            actual.put(id, stored.toJson(JSON));
        }
        return new Comparison(expected, actual);
    }

    private void repair(ProjectionDefinition definition, SourceSnapshot snapshot, Comparison comparison) {
        MongoReadModel readModel = new MongoReadModel(mongo, config.database());
        List<RowChange> changes = new ArrayList<>(snapshot.changes());
        Set<RowKey> present = new HashSet<>();
        snapshot.changes().forEach(change -> present.add(change.row()));
        Instant now = Instant.now();
        for (RowKey stored : readModel.rowKeys(definition.tables())) {
            if (!present.contains(stored)) {
                changes.add(new RowChange(stored, RowChange.Operation.DELETE, null, Set.of(), snapshot.position(), now));
            }
        }
        for (String extra : comparison.extra()) {
            RowKey root = new RowKey(definition.rootTable(), extra);
            if (!present.contains(root)) {
                changes.add(new RowChange(root, RowChange.Operation.DELETE, null, Set.of(), snapshot.position(), now));
            }
        }
        BatchApplier applier = new BatchApplier(new ChangeProjector(List.of(definition)), readModel);
        int batchSize = config.maxBatchSize();
        for (int from = 0; from < changes.size(); from += batchSize) {
            applier.apply(changes.subList(from, Math.min(changes.size(), from + batchSize)));
        }
    }

    /** Expected and actual documents as canonical JSON, by id. */
    private record Comparison(Map<String, String> expected, Map<String, String> actual) {

        List<String> missing() {
            return expected.keySet().stream().filter(id -> !actual.containsKey(id)).toList();
        }

        List<String> extra() {
            return actual.keySet().stream().filter(id -> !expected.containsKey(id)).toList();
        }

        Map<String, ReconciliationReport.Difference> different() {
            Map<String, ReconciliationReport.Difference> different = new LinkedHashMap<>();
            expected.forEach((id, document) -> {
                String found = actual.get(id);
                if (found != null && !found.equals(document)) {
                    different.put(id, new ReconciliationReport.Difference(id, document, found));
                }
            });
            return different;
        }

        int drift() {
            return missing().size() + extra().size() + different().size();
        }

        /** What the comparison found, before any repair. */
        ReconciliationReport report(String projection, SourceSnapshot snapshot) {
            List<String> missing = missing();
            List<String> extra = extra();
            Map<String, ReconciliationReport.Difference> different = different();
            return new ReconciliationReport(projection, snapshot.position().toString(), expected.size(), actual.size(),
                    missing.size(), extra.size(), different.size(), missing.stream().limit(EXAMPLES).toList(),
                    extra.stream().limit(EXAMPLES).toList(), different.values().stream().limit(EXAMPLES).toList(),
                    false, -1, 0);
        }
    }
}
