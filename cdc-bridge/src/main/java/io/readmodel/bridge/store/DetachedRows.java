package io.readmodel.bridge.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
import io.readmodel.core.position.Position;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * The detached components of one projection's documents (rows the projection only aggregates, such as a customer's
 * orders), kept apart from the documents in {@code <projection>.detached}, one MongoDB document per component:
 * {@code {_id: "<document key>|<row key>", d: <document id>, r: <row key>, s: <sortable position>, p, t, v}}.
 * Documents stay small however many rows they aggregate, and a batch reads and writes only the components it
 * touches. A document is named by its {@link #documentKey}, which is the same whatever numeric type an id is read
 * back as (a store may narrow an int64 to an int32), so every map here is keyed by it.
 *
 * <p>A write never replaces a newer version ({@code s} orders positions as text): a replay or a bridge that lost
 * its slot cannot move a component back. The owning document's running aggregates are the truth a fold starts
 * from; {@link MongoReadModel} keeps them consistent with this collection through the document's pending
 * components ({@code _meta.pd}).
 */
final class DetachedRows {

    private static final String DOCUMENT = "d";
    private static final String ROW = "r";
    private static final char SEPARATOR = '|';
    private static final String SORTABLE_POSITION = "s";
    private static final int CHUNK = 500;

    private final MongoCollection<Document> collection;

    DetachedRows(MongoDatabase database, String projection) {
        this.collection = database.getCollection(collectionName(projection));
    }

    /** The collection holding a projection's detached components. */
    static String collectionName(String projection) {
        return projection + ".detached";
    }

    /** Creates the index that finds every component of a document. */
    void prepare() {
        collection.createIndex(Indexes.ascending(DOCUMENT));
    }

    /**
     * A document id as text that is equal for ids MongoDB finds equal: whole numbers of any type as int64, other
     * numbers by value, text and anything else apart by a type prefix.
     */
    static String documentKey(Object id) {
        if (id instanceof Long || id instanceof Integer || id instanceof Short || id instanceof Byte) {
            return "n:" + ((Number) id).longValue();
        }
        if (id instanceof Number || id instanceof org.bson.types.Decimal128) {
            java.math.BigDecimal exact = id instanceof org.bson.types.Decimal128 decimal ? decimal.bigDecimalValue()
                    : new java.math.BigDecimal(id.toString());
            return "n:" + exact.stripTrailingZeros().toPlainString();
        }
        return (id instanceof String ? "s:" : "o:") + id;
    }

    /** The stored components among the ones wanted, by {@link #documentKey}. */
    Map<String, Map<RowKey, RowVersion>> load(Map<String, Set<RowKey>> wanted) {
        List<String> ids = new ArrayList<>();
        wanted.forEach((document, rows) -> rows.forEach(row -> ids.add(document + SEPARATOR + row)));
        Map<String, Map<RowKey, RowVersion>> found = new LinkedHashMap<>();
        for (int at = 0; at < ids.size(); at += CHUNK) {
            collection.find(Filters.in("_id", ids.subList(at, Math.min(ids.size(), at + CHUNK))))
                    .forEach(stored -> add(found, stored));
        }
        return found;
    }

    /** Every stored component of these documents, by {@link #documentKey}. */
    Map<String, Map<RowKey, RowVersion>> loadAll(Collection<Object> documents) {
        List<Object> ids = List.copyOf(documents);
        Map<String, Map<RowKey, RowVersion>> found = new LinkedHashMap<>();
        for (int at = 0; at < ids.size(); at += CHUNK) {
            collection.find(Filters.in(DOCUMENT, ids.subList(at, Math.min(ids.size(), at + CHUNK))))
                    .forEach(stored -> add(found, stored));
        }
        return found;
    }

    /** Stores components unless a newer version of one is stored already. */
    void write(Map<Object, Map<RowKey, RowVersion>> components) {
        write(components, Map.of());
    }

    /**
     * Stores components unless a newer version of one is stored already. The ones known to have no stored version
     * ({@code unstored}, by document) are inserted, which MongoDB does with less work than a guarded upsert; one that
     * another writer stored since (a duplicate key) is then written guarded.
     */
    void write(Map<Object, Map<RowKey, RowVersion>> components, Map<Object, Set<RowKey>> unstored) {
        List<ComponentWrite> writes = new ArrayList<>();
        components.forEach((document, rows) -> rows.forEach((row, version) -> {
            Document stored = encode(document, row, version);
            writes.add(new ComponentWrite(stored, unstored.getOrDefault(document, Set.of()).contains(row)
                    ? new InsertOneModel<>(RawDocuments.encode(stored, collection)) : guarded(stored)));
        }));
        MongoCollection<RawBsonDocument> raw = collection.withDocumentClass(RawBsonDocument.class);
        BulkWrites.Outcome outcome = BulkWrites.unordered(raw, writes.stream().map(ComponentWrite::model).toList());
        // a duplicate key of a guarded write: the stored version is this one or newer, which is what the guard wants
        outcome.throwUnlessOnlyDuplicateKeys();
        List<WriteModel<RawBsonDocument>> storedSince = outcome.failures().stream()
                .flatMap(failure -> failure.getWriteErrors().stream())
                .map(error -> writes.get(error.getIndex()))
                .filter(write -> write.model() instanceof InsertOneModel)
                .map(write -> guarded(write.stored())).toList();
        BulkWrites.unordered(raw, storedSince).throwUnlessOnlyDuplicateKeys();
    }

    /** A component as stored, and the write that stores it. */
    private record ComponentWrite(Document stored, WriteModel<RawBsonDocument> model) {
    }

    /** The component's write unless a newer version of it is stored: an upsert of the stored one if it is older. */
    private WriteModel<RawBsonDocument> guarded(Document stored) {
        return new ReplaceOneModel<>(Filters.and(Filters.eq("_id", stored.get("_id")),
                Filters.lt(SORTABLE_POSITION, stored.get(SORTABLE_POSITION))), RawDocuments.encode(stored, collection),
                new ReplaceOptions().upsert(true));
    }

    /** Stores the components of documents that have none stored yet (an initial load into an empty collection). */
    void insert(Map<Object, Map<RowKey, RowVersion>> components) {
        MongoReadModel.insertAll(collection, components.entrySet().stream().flatMap(document -> document.getValue().entrySet().stream()
                .map(row -> encode(document.getKey(), row.getKey(), row.getValue()))).iterator());
    }

    private static Document encode(Object document, RowKey row, RowVersion version) {
        Document stored = DocumentCodec.encodeVersion(row.toString(), version);
        stored.put("_id", documentKey(document) + SEPARATOR + row);
        return stored.append(DOCUMENT, document).append(ROW, row.toString()).append(SORTABLE_POSITION, sortable(version.position()));
    }

    private static void add(Map<String, Map<RowKey, RowVersion>> found, Document stored) {
        found.computeIfAbsent(documentKey(stored.get(DOCUMENT)), unused -> new LinkedHashMap<>())
                .put(RowKey.parse(stored.getString(ROW)), DocumentCodec.decodeVersion(stored));
    }

    /** A position as text that sorts as positions do: commit LSN, then sequence, fixed-width hexadecimal. */
    static String sortable(Position position) {
        return String.format("%016x%016x", position.commitLsn().value(), position.sequence());
    }
}
