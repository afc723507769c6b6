package io.readmodel.bridge.store;

import static io.readmodel.core.testkit.SourceHistory.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.readmodel.core.change.RowChange;
import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
import io.readmodel.core.definition.ProjectionDefinition;
import io.readmodel.core.engine.ChangeProjector;
import io.readmodel.core.position.Position;
import io.readmodel.core.testkit.AggregatingCustomers;
import io.readmodel.core.testkit.SourceHistory;
import io.readmodel.infra.MongoStandIn;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Detached components in their own collection, against the MongoDB stand-in: a customer document stays small, and a
 * bridge that crashes at any write of any batch and replays from an earlier batch ends with the same customers
 * (views, positions, running aggregates and components) as a pass over the same batches without a crash. Also how a
 * stored document is written over.
 */
class DetachedComponentsCrashTest {

    private static final String CUSTOMERS = AggregatingCustomers.NAME;
    private static final ProjectionDefinition DEFINITION = AggregatingCustomers.definition();

    private static MongoStandIn standIn;
    private static MongoClient client;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @BeforeAll
    static void start() {
        standIn = MongoStandIn.startInMemory();
        client = MongoClients.create(standIn.connectionString());
    }

    @AfterAll
    static void stop() {
        client.close();
        standIn.close();
    }

    static Stream<Long> seeds() {
        return LongStream.range(1, 61).boxed();
    }

    @Test
    void aCustomerDocumentHoldsNoOrdersAndTheirComponentsLiveApart() {
        String database = "detached-" + DATABASES.incrementAndGet();
        SourceHistory history = new SourceHistory()
                .commit(tx -> tx.insert("customers", row("id", 1L, "name", "Ada")))
                .commit(tx -> {
                    for (long id = 10; id < 60; id++) {
                        tx.insert("orders", order(new Random(id), id, 1L, "PLACED", id, "2026-01-01T00:00:00.000000Z"));
                    }
                });
        apply(client, database, List.of(history.changes()));

        Document customer = client.getDatabase(database).getCollection(CUSTOMERS).find().first();
        assertThat(customer.get("orderCount", Number.class).longValue()).isEqualTo(50);
        Document meta = customer.get("_meta", Document.class);
        assertThat(meta.keySet()).doesNotContain("d", "pd");
        assertThat(client.getDatabase(database).getCollection(DetachedRows.collectionName(CUSTOMERS)).countDocuments())
                .isEqualTo(50);
    }

    @Test
    void aComponentIsOneDocumentWhateverNumericTypeItsDocumentIdIsReadBackAs() {
        DetachedRows rows = new DetachedRows(client.getDatabase("detached-" + DATABASES.incrementAndGet()), CUSTOMERS);
        io.readmodel.core.change.RowKey order = io.readmodel.core.change.RowKey.of("orders", 7L);
        io.readmodel.core.change.RowVersion placed = new io.readmodel.core.change.RowVersion(
                io.readmodel.core.position.Position.of(0x100, 1), Map.of("id", 7L, "customer_id", 1L), null);
        io.readmodel.core.change.RowVersion shipped = new io.readmodel.core.change.RowVersion(
                io.readmodel.core.position.Position.of(0x200, 1), Map.of("id", 7L, "customer_id", 1L, "status", "S"), null);

        rows.write(Map.of(1L, Map.of(order, placed)));
        rows.write(Map.of(1, Map.of(order, shipped))); // the same customer, its id read back as an int32
        rows.write(Map.of(1.0, Map.of(order, placed))); // an older version: kept out by the position guard

        assertThat(rows.load(Map.of(DetachedRows.documentKey(1), Set.of(order))).get(DetachedRows.documentKey(1L)))
                .containsExactly(Map.entry(order, shipped));
        assertThat(rows.loadAll(List.of(1L)).get(DetachedRows.documentKey(1))).containsExactly(Map.entry(order, shipped));
    }

    @ParameterizedTest(name = "history {0}")
    @MethodSource("seeds")
    void crashesAtAnyWriteAndReplaysFromAnEarlierBatchGiveTheCleanCustomers(long seed) {
        Random random = new Random(seed);
        List<RowChange> history = randomHistory(random);
        List<List<RowChange>> batches = new ArrayList<>();
        for (int at = 0; at < history.size(); ) {
            int size = 1 + random.nextInt(6);
            batches.add(history.subList(at, Math.min(history.size(), at + size)));
            at += size;
        }
        String clean = "clean-" + DATABASES.incrementAndGet();
        apply(client, clean, batches);
        String crashed = "crashed-" + DATABASES.incrementAndGet();
        int crashes = 0;
        int next = 0;
        while (next < batches.size()) {
            // the first run and most others crash, at any write of the batches ahead (a batch makes three to six)
            AtomicInteger writesLeft = new AtomicInteger(crashes == 0 || (crashes < 20 && random.nextInt(4) != 0)
                    ? random.nextInt(3 * (batches.size() - next)) : Integer.MAX_VALUE);
            BatchApplier applier = applier(crashing(client, writesLeft), crashed);
            try {
                for (; next < batches.size(); next++) {
                    applier.apply(batches.get(next));
                }
            } catch (MongoException crash) {
                assertThat(crash).hasMessageContaining("crash");
                crashes++;
                next = random.nextInt(next + 1); // the bridge restarts from an earlier acknowledged offset
            }
        }

        Map<Object, Object> expected = customers(clean);
        Map<Object, Object> actual = customers(crashed);
        expected.forEach((id, customer) -> ((Map<?, ?>) customer).forEach((part, value) ->
                assertThat(((Map<?, ?>) actual.get(id)).get(part)).as("customer %s: %s", id, part).isEqualTo(value)));
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        assertThat(crashes).isPositive();
    }

    @Test
    void theCrashingClientCrashes() {
        AtomicInteger writesLeft = new AtomicInteger(0);
        MongoCollection<Document> collection = crashing(client, writesLeft).getDatabase("x").getCollection("y");
        assertThatThrownBy(() -> collection.insertOne(new Document("a", 1))).isInstanceOf(MongoException.class);
    }

    /**
     * Per customer: its view, position, running aggregates, and its live components (stored apart or still pending).
     * Tombstones (components whose row left) are left out: a crashed run keeps ones a replay wrote that the clean run
     * wrote too but may have replaced since (either is a row that is gone).
     */
    private static Map<Object, Object> customers(String database) {
        MongoDatabase db = client.getDatabase(database);
        Map<Object, Map<String, Document>> components = new HashMap<>();
        for (Document stored : db.getCollection(DetachedRows.collectionName(CUSTOMERS)).find()) {
            Object customer = ((Number) stored.remove("d")).longValue();
            String row = (String) stored.remove("r");
            stored.remove("s");
            stored.put("_id", row);
            assertThat(components.computeIfAbsent(customer, unused -> new TreeMap<>()).put(row, stored))
                    .as("one component per customer and row").isNull();
        }
        Map<Object, Object> customers = new TreeMap<>();
        for (Document customer : db.getCollection(CUSTOMERS).find()) {
            Document meta = (Document) customer.remove("_meta");
            Map<String, Document> own = components.computeIfAbsent(((Number) customer.get("_id")).longValue(),
                    unused -> new TreeMap<>());
            Document pending = meta.get("pd", Document.class);
            if (pending != null) {
                pending.values().forEach(version -> own.put(((Document) version).getString("_id"), (Document) version));
            }
            own.values().removeIf(component -> component.get("v") == null); // tombstones depend on batching
            customers.put(customer.get("_id"), Map.of("view", customer, "live", meta.get("live"),
                    "position", meta.get("position"), "aggregates", meta.get("agg"), "components", own));
        }
        return customers;
    }

    /**
     * Each write replaces a stored document whole (conditional on its revision): fields the view no longer shows are
     * gone, and the {@code _id} stays as stored.
     */
    @Test
    void aDocumentIsReplacedWholeAtEachWriteUntilOnlyItsStateIsLeft() {
        String database = "replaced-" + DATABASES.incrementAndGet();
        SourceHistory history = new SourceHistory();
        BatchApplier applier = applier(client, database);

        applier.apply(history.commit(tx -> tx.insert("customers", row("id", 1L, "name", "Ada"))
                .insert("orders", row("id", 10L, "customer_id", 1L, "status", "PLACED", "total_cents", 500L,
                        "placed_at", "2026-01-01T00:00:00.000000Z"))).changes());
        Document first = stored(database);
        int changesSoFar = history.changes().size();

        applier.apply(history.commit(tx -> tx.update("customers", row("id", 1L, "name", "Ada L."))
                .insert("orders", row("id", 11L, "customer_id", 1L, "status", "PLACED", "total_cents", 700L,
                        "placed_at", "2026-01-02T00:00:00.000000Z"))).changes().subList(changesSoFar, changesSoFar + 2));
        Document second = stored(database);

        assertThat(second.getString("name")).isEqualTo("Ada L.");
        assertThat(second.get("orderCount", Number.class).longValue()).isEqualTo(2);
        assertThat(second.get("_id")).isEqualTo(first.get("_id"));
        assertThat(second.get("_meta", Document.class).get("rev", Number.class).longValue()).isEqualTo(2);
        changesSoFar = history.changes().size();

        applier.apply(history.commit(tx -> tx.delete("customers", 1L)).changes().subList(changesSoFar, changesSoFar + 1));
        Document deleted = stored(database);

        assertThat(deleted.keySet()).containsExactly("_id", "_meta");
        assertThat(deleted.get("_meta", Document.class).getBoolean("live")).isFalse();
        assertThat(deleted.get("_meta", Document.class).get("rev", Number.class).longValue()).isEqualTo(3);
    }

    /**
     * A component the batch found unstored is inserted; when another writer stored it since (a duplicate key), the
     * write falls back to the guard: an older stored version is replaced, a newer one stays.
     */
    @Test
    void aComponentStoredSinceItWasFoundUnstoredIsWrittenGuarded() {
        DetachedRows rows = new DetachedRows(client.getDatabase("stored-since-" + DATABASES.incrementAndGet()), CUSTOMERS);
        RowKey older = RowKey.of("orders", 10L);
        RowKey newer = RowKey.of("orders", 11L);
        RowKey fresh = RowKey.of("orders", 12L);
        rows.write(Map.of(1L, Map.of(older, version(5, "stored by another writer, older"),
                newer, version(9, "stored by another writer, newer"))));

        rows.write(Map.of(1L, Map.of(older, version(7, "ours"), newer, version(7, "ours"), fresh, version(7, "ours"))),
                Map.of(1L, Set.of(older, newer, fresh)));

        Map<RowKey, RowVersion> stored = rows.loadAll(List.of(1L)).get(DetachedRows.documentKey(1L));
        assertThat(stored.get(older).values()).containsEntry("note", "ours");
        assertThat(stored.get(newer).values()).containsEntry("note", "stored by another writer, newer");
        assertThat(stored.get(fresh).values()).containsEntry("note", "ours");
    }

    private static RowVersion version(long commitLsn, String note) {
        return new RowVersion(Position.of(commitLsn, 0), Map.of("id", commitLsn, "note", note), null);
    }

    private static Document stored(String database) {
        return client.getDatabase(database).getCollection(CUSTOMERS).find().first();
    }

    private static void apply(MongoClient mongo, String database, List<List<RowChange>> batches) {
        BatchApplier applier = applier(mongo, database);
        batches.forEach(applier::apply);
    }

    private static BatchApplier applier(MongoClient mongo, String database) {
        return new BatchApplier(new ChangeProjector(List.of(DEFINITION)), MongoReadModel.streaming(mongo, database));
    }

    /** A client whose collections throw "crash" on the write after {@code writesLeft} more have succeeded. */
    private static MongoClient crashing(MongoClient mongo, AtomicInteger writesLeft) {
        return proxy(MongoClient.class, mongo, (name, result) -> name.equals("getDatabase")
                ? proxy(MongoDatabase.class, (MongoDatabase) result, (databaseCall, collection) ->
                        databaseCall.equals("getCollection") ? crashingCollection((MongoCollection<?>) collection, writesLeft) : collection)
                : result);
    }

    private static Object crashingCollection(MongoCollection<?> collection, AtomicInteger writesLeft) {
        return Proxy.newProxyInstance(MongoCollection.class.getClassLoader(), new Class<?>[] {MongoCollection.class},
                (proxy, method, args) -> {
                    if (Set.of("bulkWrite", "insertOne", "insertMany", "updateOne", "replaceOne").contains(method.getName())
                            && writesLeft.getAndDecrement() <= 0) {
                        throw new MongoException("crash before " + method.getName());
                    }
                    Object result = invoke(method, collection, args);
                    // the same collection seen as another document class (the bridge writes pre-encoded BSON) crashes too
                    return result instanceof MongoCollection<?> other ? crashingCollection(other, writesLeft) : result;
                });
    }

    private interface Wrapper {
        Object wrap(String method, Object result);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Wrapper wrapper) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> wrapper.wrap(method.getName(), invoke(method, target, args)));
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Customers 1..3 and their orders: inserts, moves between customers, status and value changes, deletes. */
    private static List<RowChange> randomHistory(Random random) {
        SourceHistory history = new SourceHistory();
        Map<Long, Map<String, Object>> orders = new LinkedHashMap<>();
        history.commit(tx -> LongStream.rangeClosed(1, 3).forEach(id -> tx.insert("customers", row("id", id, "name", "c" + id))));
        long[] nextId = {100};
        for (int t = 0; t < 10 + random.nextInt(25); t++) {
            history.commit(tx -> {
                for (int step = 0; step < 1 + random.nextInt(3); step++) {
                    List<Long> ids = new ArrayList<>(orders.keySet());
                    int choice = ids.isEmpty() ? 0 : random.nextInt(6);
                    if (choice <= 2) {
                        long id = nextId[0]++;
                        orders.put(id, order(random, id, 1L + random.nextInt(3), "PLACED", random.nextInt(1000), placedAt(random)));
                        tx.insert("orders", orders.get(id));
                    } else if (choice <= 4) {
                        long id = ids.get(random.nextInt(ids.size()));
                        Map<String, Object> changed = order(random, id, 1L + random.nextInt(3),
                                random.nextBoolean() ? "SHIPPED" : "CANCELLED", random.nextInt(1000), placedAt(random));
                        orders.put(id, changed);
                        tx.update("orders", changed);
                    } else {
                        long id = ids.get(random.nextInt(ids.size()));
                        orders.remove(id);
                        tx.delete("orders", id);
                    }
                }
            });
        }
        return history.changes();
    }

    /** An order; its customer id is an int32 or an int64 at random, as columns of either type (or a store) give it. */
    private static Map<String, Object> order(Random random, long id, long customerId, String status, long totalCents,
            String placedAt) {
        Object customer = random.nextBoolean() ? (Object) customerId : (Object) (int) customerId;
        return row("id", id, "customer_id", customer, "status", status, "total_cents", totalCents, "placed_at", placedAt);
    }

    private static String placedAt(Random random) {
        return "2026-01-0" + (1 + random.nextInt(4)) + "T00:00:00.000000Z";
    }
}
