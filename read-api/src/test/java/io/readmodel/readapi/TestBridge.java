package io.readmodel.readapi;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.readmodel.core.checkpoint.Checkpoint;
import io.readmodel.core.checkpoint.CheckpointDocument;
import io.readmodel.core.position.Lsn;
import io.readmodel.core.position.Position;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plays the bridge in tests: writes documents of any projection and checkpoints straight into MongoDB in the contract's
 * format (docs/contracts.md), with the blocking driver (test threads only).
 */
public final class TestBridge implements AutoCloseable {

    /** LSNs handed out in this JVM only grow, whichever test class runs first. */
    private static final AtomicLong NEXT_LSN = new AtomicLong(0x1_0000_0000L);

    private final MongoClient client;
    private final MongoDatabase database;

    private TestBridge(MongoClient client) {
        this.client = client;
        this.database = client.getDatabase(ConfigProvider.getConfig()
                .getOptionalValue("readapi.database", String.class).orElse("readmodel"));
    }

    /** Connects to the MongoDB the application under test uses. */
    public static TestBridge connect() {
        return new TestBridge(MongoClients.create(ConfigProvider.getConfig()
                .getValue("quarkus.mongodb.connection-string", String.class)));
    }

    /** A fresh LSN, after every LSN handed out before. */
    public static Lsn nextLsn() {
        return new Lsn(NEXT_LSN.addAndGet(0x1000));
    }

    /** Writes (replaces) an order document as the bridge would. */
    public void putOrder(long id, long customerId, String placedAt, String status, boolean live, String position) {
        Document order = new Document("id", id)
                .append("status", status)
                .append("totalCents", 2599L)
                .append("placedAt", placedAt)
                .append("customer", new Document("id", customerId).append("name", "Ada")
                        .append("email", "ada@example.com").append("city", "London"))
                .append("lines", List.of(new Document("productId", 3L).append("sku", "SKU-3")
                        .append("productName", "Lamp").append("quantity", 2).append("unitPriceCents", 1000L)));
        putDocument("orders", id, order, live, position);
    }

    /** Writes (replaces) a {@code customers} document as the bridge would (shop.yaml's aggregates included). */
    public void putCustomer(long id, String name, String city, long orderCount, long lifetimeValueCents,
            String lastOrderAt, boolean live, String position) {
        Document customer = new Document("id", id)
                .append("name", name)
                .append("email", name.toLowerCase(java.util.Locale.ROOT) + "@example.com")
                .append("city", city)
                .append("orderCount", orderCount)
                .append("lifetimeValueCents", lifetimeValueCents)
                .append("lastOrderAt", lastOrderAt);
        putDocument("customers", id, customer, live, position);
    }

    /**
     * Writes (replaces) a document of any projection as the bridge would: {@code _id}, the client's fields in order,
     * then {@code _meta} with {@code live}, {@code position} and bookkeeping the API must never show.
     */
    public void putDocument(String projection, Object id, Document fields, boolean live, String position) {
        Document document = new Document("_id", id);
        document.putAll(fields);
        document.append("_meta", new Document("live", live).append("position", position)
                .append("sourceCommitTime", new Date())
                .append("refs", List.of(projection + ":" + id))
                .append("c", List.of(new Document("_id", projection + ":" + id).append("p", position))));
        database.getCollection(projection)
                .replaceOne(new Document("_id", id), document, new ReplaceOptions().upsert(true));
    }

    /** Records that a projection has applied everything up to {@code applied}, committed at {@code commitTime}. */
    public void checkpoint(String projection, Lsn applied, Instant commitTime) {
        Checkpoint checkpoint = new Checkpoint(projection, applied, new Position(applied, 0), commitTime,
                Instant.now(), commitTime);
        Document document = new Document("_id", projection);
        document.putAll(CheckpointDocument.toFields(checkpoint));
        database.getCollection(CheckpointDocument.COLLECTION)
                .replaceOne(new Document("_id", projection), document, new ReplaceOptions().upsert(true));
    }

    /** A checkpoint that also records how many events the projection has applied (the status page's throughput). */
    public void checkpoint(String projection, Lsn applied, Instant commitTime, long eventsApplied) {
        Checkpoint checkpoint = new Checkpoint(projection, applied, new Position(applied, 0), commitTime,
                Instant.now(), commitTime, eventsApplied);
        Document document = new Document("_id", projection);
        document.putAll(CheckpointDocument.toFields(checkpoint));
        database.getCollection(CheckpointDocument.COLLECTION)
                .replaceOne(new Document("_id", projection), document, new ReplaceOptions().upsert(true));
    }

    /** Writes the bridge's status document, as the streaming bridge does every second. */
    public void bridgeStatus(io.readmodel.core.checkpoint.BridgeStatus status) {
        Document document = new Document("_id", status.slot());
        document.putAll(io.readmodel.core.checkpoint.BridgeStatusDocument.toFields(status));
        database.getCollection(io.readmodel.core.checkpoint.BridgeStatusDocument.COLLECTION)
                .replaceOne(new Document("_id", status.slot()), document, new ReplaceOptions().upsert(true));
    }

    /**
     * Writes an entry of the {@code invalidations} log as the bridge does before a batch's documents.
     *
     * @param documents projection name, then the {@code _id}s of its documents the batch writes, and so on
     */
    public void invalidation(long sequence, Lsn lsn, Object... documents) {
        Document docs = new Document();
        for (int i = 0; i < documents.length; i += 2) {
            docs.append((String) documents[i], documents[i + 1]);
        }
        database.getCollection("invalidations").insertOne(new Document("_id", sequence).append("lsn", lsn.value())
                .append("at", new Date()).append("docs", docs));
    }

    /** Deletes a projection's checkpoint, as an operator does to have the bridge load its read model again. */
    public void deleteCheckpoint(String projection) {
        database.getCollection(CheckpointDocument.COLLECTION).deleteOne(new Document("_id", projection));
    }

    /** Deletes an entry of the {@code invalidations} log, as the bridge's pruning does. */
    public void pruneInvalidation(long sequence) {
        database.getCollection("invalidations").deleteOne(new Document("_id", sequence));
    }

    /** Removes every document of a collection. */
    public void clear(String collection) {
        database.getCollection(collection).deleteMany(new Document());
    }

    /** Inserts a document into a collection (a dead letter, say). */
    public void insert(String collection, Document document) {
        database.getCollection(collection).insertOne(document);
    }

    /** Advances the {@code orders} checkpoint to a fresh LSN, committed now, and returns it. */
    public Lsn advanceOrders() {
        return advance("orders");
    }

    /** Advances a projection's checkpoint to a fresh LSN, committed now, and returns it. */
    public Lsn advance(String projection) {
        Lsn applied = nextLsn();
        checkpoint(projection, applied, Instant.now());
        return applied;
    }

    @Override
    public void close() {
        client.close();
    }
}
