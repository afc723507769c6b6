package io.readmodel.bridge.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
import io.readmodel.core.checkpoint.Checkpoint;
import io.readmodel.core.checkpoint.CheckpointDocument;
import io.readmodel.core.definition.ProjectionDefinition;
import io.readmodel.core.document.DocumentState;
import io.readmodel.core.engine.DocumentStore;
import io.readmodel.core.engine.ProjectedBatch;
import io.readmodel.core.engine.RowStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;

/**
 * The read models in MongoDB: the projections' collections (and their detached components, {@link DetachedRows}),
 * the row store ({@value #ROWS}) and the checkpoints.
 * Every write is conditional on what was read (a revision for documents, the stored position for rows), so a
 * second writer (a bridge taking over) can never make a document go back in time: a lost race is reported and
 * the caller projects the batch again.
 */
public final class MongoReadModel implements RowStore {

    /** The collection of latest row versions. */
    public static final String ROWS = "rows";

    private static final String TABLE = "tbl";
    private static final int INSERT_BATCH = 1000;
    /**
     * The batch size of every {@code find} that may match a whole collection: without one the stand-in answers
     * with every match in one reply, which the driver refuses past 48 MB (StandInCursorTest).
     */
    public static final int CURSOR_BATCH = 1000;

    private final MongoDatabase database;
    private final MongoCollection<Document> rows;
    private final InvalidationJournal journal;
    private final boolean streaming;

    private MongoReadModel(MongoClient client, String database, boolean streaming) {
        this.database = client.getDatabase(database);
        this.rows = this.database.getCollection(ROWS);
        this.journal = new InvalidationJournal(this.database, java.time.Clock.systemUTC());
        this.streaming = streaming;
    }

    /** A read model written outside the stream (repairs, dead letters): no checkpoint follows its writes. */
    public MongoReadModel(MongoClient client, String database) {
        this(client, database, false);
    }

    /** The read model the change stream writes: every write is followed by checkpoints that pass it. */
    public static MongoReadModel streaming(MongoClient client, String database) {
        return new MongoReadModel(client, database, true);
    }

    /** Creates the row store's index for gathering nested children. */
    public void prepareRows(String table, String parentKeyColumn) {
        rows.createIndex(Indexes.ascending(TABLE, "v." + parentKeyColumn));
    }

    /** Creates the indexes a projection's collection needs (references for fan-out, plus the given ones). */
    public void prepare(String projection, List<Bson> extraIndexes) {
        MongoCollection<Document> collection = database.getCollection(projection);
        collection.createIndex(Indexes.ascending(DocumentCodec.META + "." + DocumentCodec.REFS), new IndexOptions());
        extraIndexes.forEach(collection::createIndex);
        new DetachedRows(database, projection).prepare();
    }

    @Override
    public Map<RowKey, RowVersion> load(Collection<RowKey> keys) {
        Map<RowKey, RowVersion> found = new LinkedHashMap<>();
        for (List<String> chunk : chunks(keys.stream().map(RowKey::toString).toList())) {
            for (Document stored : rows.find(Filters.in("_id", chunk))) {
                found.put(RowKey.parse(stored.getString("_id")), DocumentCodec.decodeVersion(stored));
            }
        }
        return found;
    }

    @Override
    public Map<RowKey, RowVersion> loadChildren(String table, String parentKeyColumn, Collection<Object> parentKeys) {
        Map<RowKey, RowVersion> found = new LinkedHashMap<>();
        for (List<Object> chunk : chunks(List.copyOf(parentKeys))) {
            for (Document stored : rows.find(Filters.and(Filters.eq(TABLE, table), Filters.in("v." + parentKeyColumn, chunk)))) {
                found.put(RowKey.parse(stored.getString("_id")), DocumentCodec.decodeVersion(stored));
            }
        }
        return found;
    }

    /** The keys of every stored row of these tables (tombstones included). */
    public List<RowKey> rowKeys(Collection<String> tables) {
        List<RowKey> keys = new ArrayList<>();
        for (Document stored : rows.find(Filters.in(TABLE, List.copyOf(tables))).projection(new Document("_id", 1)).batchSize(CURSOR_BATCH)) {
            keys.add(RowKey.parse(stored.getString("_id")));
        }
        return keys;
    }

    /** A session for projecting and writing one batch (one attempt): it remembers the pending components it loads. */
    public Session session() {
        return new Session();
    }

    /**
     * What one attempt at a batch loaded that its write must know: per projection and document
     * ({@link DetachedRows#documentKey}), the pending detached components ({@code _meta.pd}) found, which a crash may
     * have left unstored.
     */
    public final class Session {

        private final Map<String, Map<String, Pending>> pending = new LinkedHashMap<>();

        private Session() {
        }

        /** The document store of one projection, for this attempt. */
        public DocumentStore documents(String projection) {
            MongoCollection<Document> collection = database.getCollection(projection);
            DetachedRows detachedRows = new DetachedRows(database, projection);
            Map<String, Pending> seen = pending.computeIfAbsent(projection, unused -> new LinkedHashMap<>());
            return new DocumentStore() {
                @Override
                public List<DocumentState> loadByIds(Collection<Object> ids, Map<Object, Set<RowKey>> detached) {
                    Map<String, Set<RowKey>> wantedByKey = new LinkedHashMap<>();
                    detached.forEach((id, rows) -> wantedByKey.computeIfAbsent(DetachedRows.documentKey(id),
                            unused -> new LinkedHashSet<>()).addAll(rows));
                    List<Document> found = new ArrayList<>();
                    for (List<Object> chunk : chunks(List.copyOf(ids))) {
                        collection.find(Filters.in("_id", chunk)).projection(DocumentCodec.loadProjection()).into(found);
                    }
                    Map<String, Document> byKey = new LinkedHashMap<>();
                    found.forEach(stored -> byKey.put(remember(stored), stored));
                    Map<String, Set<RowKey>> unpending = new LinkedHashMap<>();
                    byKey.keySet().forEach(key -> {
                        Set<RowKey> wanted = new LinkedHashSet<>(wantedByKey.getOrDefault(key, Set.of()));
                        wanted.removeAll(seen.get(key).rows().keySet());
                        if (!wanted.isEmpty()) {
                            unpending.put(key, wanted);
                        }
                    });
                    Map<String, Map<RowKey, RowVersion>> storedRows = unpending.isEmpty() ? Map.of() : detachedRows.load(unpending);
                    List<DocumentState> states = new ArrayList<>();
                    byKey.forEach((key, stored) -> {
                        Map<RowKey, RowVersion> components = new LinkedHashMap<>(storedRows.getOrDefault(key, Map.of()));
                        Set<RowKey> wanted = wantedByKey.getOrDefault(key, Set.of());
                        seen.get(key).rows().forEach((row, version) -> {
                            if (wanted.contains(row)) {
                                components.put(row, version);
                            }
                        });
                        states.add(DocumentCodec.decode(stored, components));
                    });
                    return states;
                }

                @Override
                public List<DocumentState> loadReferencing(Collection<RowKey> references) {
                    List<DocumentState> states = new ArrayList<>();
                    for (List<String> chunk : chunks(references.stream().map(RowKey::toString).toList())) {
                        for (Document stored : collection.find(Filters.in(DocumentCodec.META + "." + DocumentCodec.REFS, chunk))
                                .projection(DocumentCodec.loadProjection())) {
                            remember(stored);
                            states.add(DocumentCodec.decode(stored, Map.of()));
                        }
                    }
                    return states;
                }

                @Override
                public Map<Object, Map<RowKey, RowVersion>> loadDetached(Collection<Object> ids) {
                    Map<String, Map<RowKey, RowVersion>> stored = detachedRows.loadAll(ids);
                    Map<Object, Map<RowKey, RowVersion>> found = new LinkedHashMap<>();
                    for (Object id : ids) {
                        String key = DetachedRows.documentKey(id);
                        Map<RowKey, RowVersion> components = new LinkedHashMap<>(stored.getOrDefault(key, Map.of()));
                        Pending pendingOfDocument = seen.get(key);
                        if (pendingOfDocument != null) {
                            components.putAll(pendingOfDocument.rows());
                        }
                        if (!components.isEmpty()) {
                            found.put(id, components);
                        }
                    }
                    return found;
                }

                /**
                 * Records the document's pending components (newer than what {@link DetachedRows} holds); returns
                 * its {@link DetachedRows#documentKey}.
                 */
                private String remember(Document stored) {
                    String key = DetachedRows.documentKey(stored.get("_id"));
                    seen.put(key, new Pending(stored.get("_id"), DocumentCodec.pending(stored)));
                    return key;
                }
            };
        }

        /** The pending components of one document, as loaded. */
        private record Pending(Object id, Map<RowKey, RowVersion> rows) {
        }
    }

    /**
     * Writes a projected batch. Documents first, then row versions (a replay after a crash in between still finds
     * the previous row versions, which it needs). Detached components go to their own collection
     * ({@link DetachedRows}) in three steps that keep a document's running aggregates and its components consistent
     * through any crash: (1) the document is written with its new aggregates and the components folded in as
     * pending ({@code _meta.pd}); (2) the components are stored; (3) the pending ones are cleared (conditional on
     * the revision written in 1). A load that finds pending components takes them as the stored versions (so a
     * replay folds nothing twice), and the next write stores them before it clears them.
     *
     * @param batch the batch
     * @param previousRows the stored row versions the batch was projected against (the write condition)
     * @param session the session the batch was projected in
     * @return {@code false} when another writer changed something first: project the batch again
     */
    public boolean write(ProjectedBatch batch, Map<RowKey, RowVersion> previousRows, Session session) {
        session.pending.forEach((projection, byDocument) -> {
            Map<Object, Map<RowKey, RowVersion>> unstored = new LinkedHashMap<>();
            byDocument.values().forEach(pending -> {
                if (!pending.rows().isEmpty()) {
                    unstored.put(pending.id(), pending.rows());
                }
            });
            new DetachedRows(database, projection).write(unstored); // left by a crash: stored before they are cleared
        });
        Map<String, List<Object>> changed = changedDocuments(batch);
        if (!changed.isEmpty()) {
            journal.record(streaming ? newestCommitLsn(batch) : 0, changed);
        }
        // projections are written concurrently: disjoint collections, each in the order the steps need
        List<Supplier<Boolean>> projections = new ArrayList<>();
        batch.documentWrites().forEach((projection, writes) -> projections.add(() -> writeDocuments(projection, writes)));
        boolean complete = BulkWrites.all(projections).stream().allMatch(Boolean::booleanValue);
        if (!changed.isEmpty() && !streaming) {
            journal.record(0, changed);
        }
        if (!complete) {
            return false;
        }
        List<WriteModel<RawBsonDocument>> rowModels = new ArrayList<>();
        batch.rowWrites().forEach((row, version) -> {
            RawBsonDocument encoded = RawDocuments.encode(DocumentCodec.encodeVersion(row.toString(), version).append(TABLE, row.table()), rows);
            RowVersion previous = previousRows.get(row);
            rowModels.add(previous == null ? new InsertOneModel<>(encoded)
                    : new ReplaceOneModel<>(Filters.and(Filters.eq("_id", row.toString()),
                            Filters.eq("p", previous.position().toString())), encoded));
        });
        return bulkWrite(rows.withDocumentClass(RawBsonDocument.class), rowModels);
    }

    /**
     * Steps 1 to 3 of {@link #write} for one projection: the documents (conditional on their revisions), then, when
     * all of them were written, the components they took as pending, then the clearing of those.
     *
     * @return {@code false} when another writer changed a document first
     */
    private boolean writeDocuments(String projection, List<ProjectedBatch.DocumentWrite> writes) {
        MongoCollection<Document> collection = database.getCollection(projection);
        List<WriteModel<RawBsonDocument>> models = new ArrayList<>();
        Map<Object, Map<RowKey, RowVersion>> components = new LinkedHashMap<>();
        Map<Object, Set<RowKey>> unstored = new LinkedHashMap<>();
        List<WriteModel<Document>> clears = new ArrayList<>();
        for (ProjectedBatch.DocumentWrite write : writes) {
            long revision = write.state().revision();
            models.add(revision == 0 ? new InsertOneModel<>(RawDocuments.encode(DocumentCodec.encode(write.state(), write.rendered()), collection))
                    : new ReplaceOneModel<>(atRevision(write.state().id(), revision),
                            RawDocuments.encode(DocumentCodec.replacement(write.state(), write.rendered()), collection)));
            if (!write.state().touchedDetached().isEmpty()) {
                components.put(write.state().id(), write.state().touchedDetached());
                unstored.put(write.state().id(), write.state().unstoredDetached());
                clears.add(new UpdateOneModel<>(atRevision(write.state().id(), revision + 1), DocumentCodec.clearPending()));
            }
        }
        if (!bulkWrite(collection.withDocumentClass(RawBsonDocument.class), models)) {
            return false;
        }
        if (!components.isEmpty()) {
            new DetachedRows(database, projection).write(components, unstored);
            BulkWrites.unordered(collection, clears).throwUnlessOnlyDuplicateKeys();
        }
        return true;
    }

    /** The document with this id, as long as it is at this revision (the condition of every document write). */
    private static Bson atRevision(Object id, long revision) {
        return Filters.and(Filters.eq("_id", id), Filters.eq(DocumentCodec.META + "." + DocumentCodec.REVISION, revision));
    }

    private static Map<String, List<Object>> changedDocuments(ProjectedBatch batch) {
        Map<String, List<Object>> changed = new LinkedHashMap<>();
        batch.documentWrites().forEach((projection, writes) -> {
            if (!writes.isEmpty()) {
                changed.put(projection, writes.stream().map(write -> write.state().id()).toList());
            }
        });
        return changed;
    }

    private static long newestCommitLsn(ProjectedBatch batch) {
        return batch.documentWrites().values().stream().flatMap(List::stream)
                .mapToLong(write -> write.rendered().position().commitLsn().value()).max().orElse(0);
    }

    private static <T> boolean bulkWrite(MongoCollection<T> collection, List<? extends WriteModel<T>> models) {
        BulkWrites.Outcome outcome = BulkWrites.unordered(collection, models);
        outcome.throwUnlessOnlyDuplicateKeys();
        return outcome.failures().isEmpty() && outcome.acknowledged() == models.size();
    }

    /**
     * Empties what an initial load writes (the projections' collections, their detached components, the row store),
     * so that a load cut short starts over from nothing, and recreates the indexes.
     */
    public void clearForInitialLoad(List<ProjectionDefinition> definitions) {
        rows.drop();
        for (ProjectionDefinition definition : definitions) {
            database.getCollection(definition.name()).drop();
            database.getCollection(DetachedRows.collectionName(definition.name())).drop();
        }
        prepareAll(definitions);
    }

    /** Creates the indexes of every projection's collections and of the row store's nested children. */
    public void prepareAll(List<ProjectionDefinition> definitions) {
        for (ProjectionDefinition definition : definitions) {
            prepare(definition.name(), List.of());
            definition.childPlacements().stream().filter(placement -> placement.depth() > 1)
                    .forEach(placement -> prepareRows(placement.child().table(), placement.child().parentKey()));
        }
    }

    /**
     * Writes an initial load projected against an empty read model (every document new, every row first seen),
     * with plain inserts in large unordered batches: each projection's detached components then its documents (with
     * nothing pending), and the row versions, all concurrently (MongoDB collections are written independently). No
     * checkpoint passes the load until every insert is acknowledged, so a crash in between leaves a load that is
     * started over ({@link #clearForInitialLoad}).
     */
    public void writeInitialLoad(ProjectedBatch batch) {
        batch.documentWrites().values().stream().flatMap(List::stream).filter(write -> write.state().revision() != 0).findFirst()
                .ifPresent(write -> {
                    throw new IllegalArgumentException("an initial load writes new documents only: " + write.state().id());
                });
        List<Supplier<Void>> inserts = new ArrayList<>();
        batch.documentWrites().forEach((projection, writes) -> inserts.add(() -> {
            Map<Object, Map<RowKey, RowVersion>> components = new LinkedHashMap<>();
            writes.stream().filter(write -> !write.state().touchedDetached().isEmpty())
                    .forEach(write -> components.put(write.state().id(), write.state().touchedDetached()));
            new DetachedRows(database, projection).insert(components);
            insertAll(database.getCollection(projection),
                    writes.stream().map(write -> DocumentCodec.encodeStored(write.state(), write.rendered())).iterator());
            return null;
        }));
        inserts.add(() -> {
            insertAll(rows, batch.rowWrites().entrySet().stream()
                    .map(row -> DocumentCodec.encodeVersion(row.getKey().toString(), row.getValue()).append(TABLE, row.getKey().table()))
                    .iterator());
            return null;
        });
        BulkWrites.all(inserts);
    }

    /**
     * Inserts documents in unordered batches of {@value #INSERT_BATCH}, encoding each batch only as it is sent, so that
     * a bulk load holds the encoded form of a few batches at a time rather than of the whole read model.
     */
    static void insertAll(MongoCollection<Document> collection, Iterator<Document> documents) {
        MongoCollection<RawBsonDocument> encoded = collection.withDocumentClass(RawBsonDocument.class);
        List<RawBsonDocument> chunk = new ArrayList<>(INSERT_BATCH);
        while (documents.hasNext()) {
            chunk.add(RawDocuments.encode(documents.next(), collection));
            if (chunk.size() == INSERT_BATCH || !documents.hasNext()) {
                encoded.insertMany(chunk, new InsertManyOptions().ordered(false));
                chunk = new ArrayList<>(INSERT_BATCH);
            }
        }
    }

    /**
     * Records how far projections have got, in one round trip. A checkpoint never goes backwards: a bridge taking
     * over may start from an older view, and the newer stored checkpoint stays.
     */
    public void saveCheckpoints(List<Checkpoint> checkpoints) {
        List<WriteModel<Document>> models = new ArrayList<>();
        for (Checkpoint checkpoint : checkpoints) {
            Document fields = new Document("_id", checkpoint.projection());
            fields.putAll(CheckpointDocument.toFields(checkpoint));
            Bson notNewer = Filters.and(Filters.eq("_id", checkpoint.projection()),
                    Filters.lte("appliedLsnValue", checkpoint.appliedLsn().value()));
            models.add(new ReplaceOneModel<>(notNewer, fields, new ReplaceOptions().upsert(true)));
        }
        bulkWrite(database.getCollection(CheckpointDocument.COLLECTION), models); // a duplicate key: a newer one is stored
    }

    /** The stored checkpoint of a projection, or {@code null}. */
    public Checkpoint checkpoint(String projection) {
        Document stored = database.getCollection(CheckpointDocument.COLLECTION).find(Filters.eq("_id", projection)).first();
        return stored == null ? null : CheckpointDocument.fromDocument(stored);
    }

    /** Answers a cheap command, to tell whether MongoDB is reachable. */
    public void ping() {
        database.runCommand(new Document("ping", 1));
    }

    private static <T> List<List<T>> chunks(List<T> values) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < values.size(); i += 500) {
            chunks.add(values.subList(i, Math.min(values.size(), i + 500)));
        }
        return chunks;
    }
}
