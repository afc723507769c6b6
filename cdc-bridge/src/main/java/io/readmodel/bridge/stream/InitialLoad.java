package io.readmodel.bridge.stream;

import com.mongodb.client.MongoClient;
import io.readmodel.bridge.config.BridgeConfig;
import io.readmodel.bridge.config.SourceConnections;
import io.readmodel.bridge.heap.HeapBudget;
import io.readmodel.bridge.metrics.BridgeMetrics;
import io.readmodel.bridge.projection.ProjectionCatalog;
import io.readmodel.bridge.reconcile.SourceSnapshot;
import io.readmodel.bridge.store.MongoOffsetBackingStore;
import io.readmodel.bridge.store.MongoReadModel;
import io.readmodel.core.change.RowChange;
import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
import io.readmodel.core.checkpoint.Checkpoint;
import io.readmodel.core.definition.ProjectionDefinition;
import io.readmodel.core.document.DocumentState;
import io.readmodel.core.engine.DocumentStore;
import io.readmodel.core.engine.ProjectedBatch;
import io.readmodel.core.engine.RowStore;
import io.readmodel.core.position.Lsn;
import io.readmodel.core.position.Position;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * Fills a read model that has no checkpoint yet from the rows the source already holds, in bulk
 * ({@code bridge.initial-load=bulk}): creates the replication slot itself, reads every published table in the
 * snapshot the slot exports (exactly the rows committed before the slot's consistent point), projects them in one
 * pass in memory, inserts whole documents, and writes checkpoints at the consistent point. Debezium then streams
 * from the slot (snapshot mode {@code no_data}): every change after the snapshot, none twice.
 *
 * <p>A load cut short leaves no checkpoint, and the next one starts over from an empty read model and a new slot.
 * Bridges that start together take turns through an advisory lock; the one that comes second finds the
 * checkpoints and streams.
 */
final class InitialLoad {

    private static final Logger LOG = Logger.getLogger(InitialLoad.class);

    /**
     * Heap bytes per byte of table on disk that a bulk load takes at its peak: on the shop schema the heap in use
     * after projecting was 147–149 MB for 40,000 rows (tables logged as 2 MB, rounded down), 278–349 MB for 80,000
     * rows (5 MB), 354 MB for 100,000 rows (6,976 kB) and 3,347 MB for 1,000,000 rows (68,712 kB), i.e. 40–70 heap
     * bytes per table byte with the application's own ~60 MB included, and the documents' encoding still to come
     * (InitialLoadIT's and SnapshotBenchmark's bridge logs, 2026-12-07).
     */
    static final long HEAP_BYTES_PER_TABLE_BYTE = 64;

    private final BridgeConfig config;
    private final ProjectionCatalog catalog;
    private final MongoClient mongo;
    private final BridgeMetrics metrics;
    private final SnapshotProgress progress;
    private final Clock clock = Clock.systemUTC();

    InitialLoad(BridgeConfig config, ProjectionCatalog catalog, MongoClient mongo, BridgeMetrics metrics, SnapshotProgress progress) {
        this.config = config;
        this.catalog = catalog;
        this.mongo = mongo;
        this.metrics = metrics;
        this.progress = progress;
    }

    /** Loads the read model unless another bridge did it first. */
    void run(MongoReadModel readModel) {
        BridgeConfig.Source source = config.source();
        try (Connection control = SourceConnections.open(source)) {
            if (!tryLock(control)) {
                throw new IllegalStateException("another bridge is loading the read model (advisory lock on slot '"
                        + config.slotName() + "' held); retrying");
            }
            if (hasCheckpoint(readModel)) {
                return; // a bridge loaded it while this one waited
            }
            load(control, readModel);
        } catch (SQLException e) {
            throw new IllegalStateException("initial load failed: " + e.getMessage(), e);
        }
    }

    private void load(Connection control, MongoReadModel readModel) throws SQLException {
        List<String> tables = List.copyOf(catalog.projector().tables());
        long started = System.nanoTime();
        checkHeap(control, tables);
        ensurePublication(control, tables);
        dropStaleSlot(control);
        readModel.clearForInitialLoad(catalog.definitions());
        mongo.getDatabase(config.database()).getCollection(MongoOffsetBackingStore.COLLECTION).deleteMany(new Document());
        SourceSnapshot snapshot;
        try (Connection replication = SourceConnections.openReplication(config.source());
                Connection reader = SourceConnections.open(config.source())) {
            Slot slot = createSlot(replication);
            LOG.infof("initial load: slot '%s' created at %s; reading %d table(s) in its snapshot", config.slotName(), slot.consistentPoint(), tables.size());
            snapshot = SourceSnapshot.readExported(reader, config.source().schema(), tables, slot.snapshotName(), new Position(slot.consistentPoint(), 0));
        } // the exported snapshot ends with the replication connection; the slot stays
        Map<String, Long> rowsPerTable = snapshot.changes().stream().collect(Collectors.groupingBy(change -> change.row().table(),
                LinkedHashMap::new, Collectors.counting()));
        tables.forEach(table -> progress.loaded(table, rowsPerTable.getOrDefault(table, 0L), false));
        long read = System.nanoTime();
        LOG.infof("initial load: read %d rows in %d ms; projecting", snapshot.changes().size(), (read - started) / 1_000_000);
        ProjectedBatch batch = catalog.projector().project(snapshot.changes(), EMPTY_ROWS, projection -> EMPTY_DOCUMENTS);
        long projected = System.nanoTime();
        LOG.infof("initial load: %d rows projected into %d documents in %d ms (heap in use %d MB); writing", snapshot.changes().size(),
                batch.documentCount(), (projected - read) / 1_000_000, HeapBudget.usedHeapMb());
        readModel.writeInitialLoad(batch);
        batch.documentWrites().forEach((projection, writes) -> metrics.documentsWritten(projection, writes.size()));
        readModel.saveCheckpoints(checkpoints(snapshot, rowsPerTable));
        progress.loaded(tables.isEmpty() ? "" : tables.get(tables.size() - 1), 0, true);
        LOG.infof("initial load: written in %d ms (%d ms in all); streaming from %s", (System.nanoTime() - projected) / 1_000_000,
                (System.nanoTime() - started) / 1_000_000, snapshot.position().commitLsn());
    }

    /** Refuses a load that would not fit in the heap, before anything is cleared or created ({@link HeapBudget}). */
    private void checkHeap(Connection control, List<String> tables) throws SQLException {
        HeapBudget budget = HeapBudget.measure(control, config.source().schema(), tables, HEAP_BYTES_PER_TABLE_BYTE);
        if (!budget.fits()) {
            throw new IllegalStateException(refusal(budget));
        }
        LOG.infof("initial load: %s", budget.describe());
    }

    /** Why a load that does not fit is refused, and what to do instead. */
    static String refusal(HeapBudget budget) {
        return "initial load refused: " + budget.describe() + ". Start the bridge with a larger heap (" + budget.largerHeapOption()
                + " or more) or set bridge.initial-load=debezium (bounded memory, slower); nothing was changed";
    }

    private List<Checkpoint> checkpoints(SourceSnapshot snapshot, Map<String, Long> rowsPerTable) {
        Instant now = clock.instant();
        Instant readAt = snapshot.changes().isEmpty() ? now : snapshot.changes().get(0).commitTime();
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (ProjectionDefinition definition : catalog.definitions()) {
            long rows = definition.tables().stream().mapToLong(table -> rowsPerTable.getOrDefault(table, 0L)).sum();
            checkpoints.add(new Checkpoint(definition.name(), snapshot.position().commitLsn(), snapshot.position(), readAt, now, null, rows));
        }
        return checkpoints;
    }

    private boolean hasCheckpoint(MongoReadModel readModel) {
        return catalog.definitions().stream().anyMatch(definition -> readModel.checkpoint(definition.name()) != null);
    }

    /** Session-level, so it lasts while {@code control} is open (and ends with it if the bridge dies). */
    private boolean tryLock(Connection control) throws SQLException {
        try (PreparedStatement lock = control.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            lock.setString(1, "readmodel-initial-load:" + config.slotName());
            try (ResultSet result = lock.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    /**
     * Creates the publication of the projected tables if there is none; Debezium adjusts its table list later
     * ({@code publication.autocreate.mode=filtered}). It must exist before the slot: the slot decodes with it.
     */
    private void ensurePublication(Connection control, List<String> tables) throws SQLException {
        try (PreparedStatement exists = control.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            exists.setString(1, config.publicationName());
            try (ResultSet result = exists.executeQuery()) {
                if (result.next()) {
                    return;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (String table : tables) {
            names.add(SourceConnections.qualifiedName(control, config.source().schema(), table));
        }
        try (Statement create = control.createStatement()) {
            create.execute("CREATE PUBLICATION " + SourceConnections.quoted(control, config.publicationName()) + " FOR TABLE "
                    + String.join(", ", names));
        }
    }

    /** A slot left by an earlier load or stream whose changes no checkpoint covers: the new load replaces it. */
    private void dropStaleSlot(Connection control) throws SQLException {
        try (PreparedStatement drop = control.prepareStatement(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
            drop.setString(1, config.slotName());
            drop.execute(); // fails while another process holds the slot: the load is retried later
        }
    }

    private Slot createSlot(Connection replication) throws SQLException {
        try (Statement create = replication.createStatement();
                ResultSet result = create.executeQuery("CREATE_REPLICATION_SLOT " + SourceConnections.quoted(replication, config.slotName()) + " LOGICAL pgoutput EXPORT_SNAPSHOT")) {
            result.next();
            return new Slot(Lsn.parse(result.getString("consistent_point")), result.getString("snapshot_name"));
        }
    }

    /** A slot just created: where it starts and the snapshot it exported. */
    private record Slot(Lsn consistentPoint, String snapshotName) {
    }

    /** The read model being loaded is empty: nothing to find. */
    private static final RowStore EMPTY_ROWS = new RowStore() {
        @Override
        public Map<RowKey, RowVersion> load(Collection<RowKey> rows) {
            return Map.of();
        }

        @Override
        public Map<RowKey, RowVersion> loadChildren(String table, String parentKeyColumn, Collection<Object> parentKeys) {
            return Map.of();
        }
    };

    private static final DocumentStore EMPTY_DOCUMENTS = new DocumentStore() {
        @Override
        public List<DocumentState> loadByIds(Collection<Object> ids, Map<Object, Set<RowKey>> detached) {
            return List.of();
        }

        @Override
        public List<DocumentState> loadReferencing(Collection<RowKey> rows) {
            return List.of();
        }

        @Override
        public Map<Object, Map<RowKey, RowVersion>> loadDetached(Collection<Object> ids) {
            return Map.of();
        }
    };
}
