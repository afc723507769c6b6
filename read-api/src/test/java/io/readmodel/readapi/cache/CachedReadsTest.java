package io.readmodel.readapi.cache;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.readmodel.core.position.Lsn;
import io.readmodel.readapi.MongoResource;
import io.readmodel.readapi.TestBridge;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The document cache against the stand-in, with {@link TestBridge} playing the bridge exactly as the contract says:
 * invalidation entry, then documents, then checkpoints. A document overwritten <em>without</em> an entry ("silently")
 * shows whether an answer came from the cache.
 */
@QuarkusTest
@TestProfile(CachedReadsTest.FastCache.class)
@WithTestResource(MongoResource.class)
class CachedReadsTest {

    /** Its own application (and stand-in): the other tests write documents without invalidation entries. */
    public static class FastCache implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("readapi.cache.poll-interval", "5ms", "readapi.cache.gap-check-interval", "50ms");
        }
    }

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static TestBridge bridge;

    @Inject
    DocumentCache cache;

    @Inject
    CacheSync sync;

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void connect() {
        bridge = TestBridge.connect();
    }

    @AfterAll
    static void disconnect() {
        bridge.close();
    }

    @Test
    void aCachedOrderIsServedFromMemoryAndRefreshedOnceTheEntryAndTheCheckpointArrive() {
        withoutRestart(attempt -> cachedOrderIsServedAndRefreshed(5000 + 100 * attempt));
    }

    private void cachedOrderIsServedAndRefreshed(long id) {
        placeCachedOrder(id, 50, "2026-11-23T10:00:00.000000Z", "0/1#1");
        given().when().get("/orders/" + id).then().statusCode(200).body("status", equalTo("PLACED"));

        bridge.putOrder(id, 50, "2026-11-23T10:00:00.000000Z", "SILENT", true, "0/1#2"); // no entry: not seen
        given().when().get("/orders/" + id).then().statusCode(200).body("status", equalTo("PLACED"));

        Lsn shipped = batch(() -> bridge.putOrder(id, 50, "2026-11-23T10:00:00.000000Z", "SHIPPED", true,
                "0/1#3"), "orders", id);
        given().header("X-Min-Position", shipped.toString()).when().get("/orders/" + id)
                .then().statusCode(200)
                .header("X-Applied-Position", shipped.toString())
                .header("ETag", "\"0/1#3\"")
                .body("status", equalTo("SHIPPED"));
    }

    @Test
    void aTokenReadWaitsUntilTheCacheIsValidThroughTheToken() throws Exception {
        Lsn first = batch(() -> bridge.putCustomer(51, "Ada", "London", 1, 100, null, true, "0/2#1"),
                "customers", 51L);
        awaitCacheValidThrough("customers", first);
        given().when().get("/customers/51").then().statusCode(200).body("city", equalTo("London"));

        // the bridge's next batch: entry and document now, its checkpoint only 300 ms later
        long sequence = SEQUENCE.incrementAndGet();
        Lsn moved = TestBridge.nextLsn();
        bridge.invalidation(sequence, moved, "customers", List.of(51L));
        bridge.putCustomer(51, "Ada", "Paris", 1, 100, null, true, "0/2#2");
        CompletableFuture<Void> checkpointLater = CompletableFuture.runAsync(() -> {
            sleep(300);
            bridge.checkpoint("customers", moved, Instant.now());
        });

        Response response = given().header("X-Min-Position", moved.toString()).when().get("/customers/51");
        checkpointLater.get(5, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("X-Applied-Position")).isEqualTo(moved.toString());
        assertThat(response.jsonPath().getString("city")).isEqualTo("Paris");
    }

    @Test
    void anAbsentAnswerIsCachedAndDroppedWhenTheDocumentIsWritten() {
        withoutRestart(attempt -> absentAnswerIsCachedAndDropped(5002 + 100 * attempt));
    }

    private void absentAnswerIsCachedAndDropped(long id) {
        Lsn before = batch(() -> { }, "orders", 5099L);
        awaitCacheValidThrough("orders", before);
        given().when().get("/orders/" + id).then().statusCode(404);
        bridge.putOrder(id, 52, "2026-11-23T10:00:02.000000Z", "PLACED", true, "0/3#1"); // silently
        given().when().get("/orders/" + id).then().statusCode(404);

        Lsn written = batch(() -> bridge.putOrder(id, 52, "2026-11-23T10:00:02.000000Z", "PLACED", true, "0/3#2"),
                "orders", id);

        given().header("X-Min-Position", written.toString()).when().get("/orders/" + id)
                .then().statusCode(200).body("id", equalTo((int) id));
    }

    @Test
    void aReplayedBatchBehindAHalfWrittenOneIsNotServedStale() {
        withoutRestart(attempt -> replayedBatchIsNotServedStale(5003 + 100 * attempt));
    }

    private void replayedBatchIsNotServedStale(long id) {
        Lsn start = batch(() -> bridge.putOrder(id, 53, "2026-11-23T10:00:03.000000Z", "PLACED", true, "0/4#1"),
                "orders", id);
        awaitCacheValidThrough("orders", start);
        given().when().get("/orders/" + id).then().statusCode(200).body("status", equalTo("PLACED"));

        // a bridge crashes after writing the entry of a batch up to LSN b (none of its documents, no checkpoint);
        // its successor replays from an earlier offset and applies a batch up to a < b that changes order 5003
        Lsn a = TestBridge.nextLsn();
        Lsn b = TestBridge.nextLsn();
        bridge.invalidation(SEQUENCE.incrementAndGet(), b, "orders", List.of(id));
        bridge.invalidation(SEQUENCE.incrementAndGet(), a, "orders", List.of(id));
        bridge.putOrder(id, 53, "2026-11-23T10:00:03.000000Z", "SHIPPED", true, "0/4#2");
        bridge.checkpoint("orders", a, Instant.now());

        given().header("X-Min-Position", a.toString()).when().get("/orders/" + id)
                .then().statusCode(200)
                .header("X-Applied-Position", a.toString())
                .body("status", equalTo("SHIPPED"));
    }

    @Test
    void aGapInTheLogEmptiesTheCacheAndFollowingStartsAgain() {
        placeCachedOrder(5004, 54, "2026-11-23T10:00:04.000000Z", "0/5#1");
        given().when().get("/orders/5004").then().statusCode(200).body("status", equalTo("PLACED"));
        bridge.putOrder(5004, 54, "2026-11-23T10:00:04.000000Z", "SILENT", true, "0/5#2");

        // entry n+1 is pruned before read-api saw it; n+2 is there
        long missing = SEQUENCE.incrementAndGet();
        Lsn later = TestBridge.nextLsn();
        bridge.invalidation(SEQUENCE.incrementAndGet(), later, "orders", List.of(9999L));
        bridge.checkpoint("orders", later, Instant.now());

        awaitTrue("the cache is emptied and the silent write shows", () -> "SILENT".equals(
                given().when().get("/orders/5004").then().statusCode(200).extract().jsonPath().getString("status")));
        awaitCacheValidThrough("orders", later);
        assertThat(missing).isLessThan(SEQUENCE.get());
    }

    @Test
    void aGapLongerThanAWindowIsFoundToo() {
        placeCachedOrder(5005, 55, "2026-11-23T10:00:05.000000Z", "0/6#1");
        given().when().get("/orders/5005").then().statusCode(200).body("status", equalTo("PLACED"));
        bridge.putOrder(5005, 55, "2026-11-23T10:00:05.000000Z", "SILENT", true, "0/6#2");

        long far = SEQUENCE.addAndGet(200); // 199 entries pruned while read-api could not read them
        Lsn later = TestBridge.nextLsn();
        bridge.invalidation(far, later, "orders", List.of(9999L));
        bridge.checkpoint("orders", later, Instant.now());

        awaitTrue("the cache is emptied and the silent write shows", () -> "SILENT".equals(
                given().when().get("/orders/5005").then().statusCode(200).extract().jsonPath().getString("status")));
    }

    @Test
    void entriesPrunedWhileNoCheckpointMovesAreFoundMissingToo() {
        placeCachedOrder(5010, 60, "2026-11-23T10:00:10.000000Z", "0/11#1");
        long before = sync.restarts();

        // 199 entries come and are pruned, only the newest is left, and no checkpoint moves meanwhile
        long far = SEQUENCE.addAndGet(200);
        bridge.invalidation(far, TestBridge.nextLsn(), "orders", List.of(9999L));

        awaitTrue("the gap is found with the checkpoints standing still", () -> sync.restarts() > before);
    }

    @Test
    void aReadModelLoadedAgainIsNotServedFromTheCacheOfTheOldOne() {
        placeCachedOrder(5011, 61, "2026-11-23T10:00:11.000000Z", "0/12#1");
        given().when().get("/orders/5011").then().statusCode(200).body("status", equalTo("PLACED"));

        // a reload: the checkpoint goes, the documents are written anew without entries, a later checkpoint comes
        bridge.deleteCheckpoint("orders");
        awaitTrue("read-api saw the checkpoint go", () -> cache.validThrough("orders").isEmpty());
        bridge.putOrder(5011, 61, "2026-11-23T10:00:11.000000Z", "RELOADED", true, "0/12#2");
        Lsn reloaded = TestBridge.nextLsn();
        bridge.checkpoint("orders", reloaded, Instant.now());
        awaitCacheValidThrough("orders", reloaded);

        given().when().get("/orders/5011").then().statusCode(200).body("status", equalTo("RELOADED"));
    }

    @Test
    void cachedAnswersHaveTheSameBodiesAndEntityTagsAsQueries() {
        placeCachedOrder(5006, 56, "2026-11-23T10:00:06.000000Z", "0/7#1");
        for (int i = 0; i < 2; i++) { // a miss, then a hit
            Response byKey = given().when().get("/views/orders/5006");
            Response listed = given().queryParam("filter", "id:eq:5006").when().get("/views/orders");
            assertThat(byKey.statusCode()).isEqualTo(200);
            assertThat(byKey.jsonPath().getMap("$")).isEqualTo(listed.jsonPath().getMap("items[0]"));
            assertThat(byKey.header("ETag")).isEqualTo("\"0/7#1\"");
            Response order = given().when().get("/orders/5006");
            Response page = given().when().get("/customers/56/orders");
            assertThat(order.jsonPath().getMap("$")).isEqualTo(page.jsonPath().getMap("items[0]"));
            assertThat(order.header("ETag")).isEqualTo("\"0/7#1\"");
            given().header("If-None-Match", "\"0/7#1\"").when().get("/orders/5006").then().statusCode(304);
        }
    }

    @Test
    void theFastLaneAnswersCachedDocumentsWithTheRestLayersBytesAndHeaders() {
        Lsn placed = batch(() -> bridge.putOrder(5008, 58, "2026-11-23T10:00:08.000000Z", "PLACED", true, "0/9#1"),
                "orders", 5008L);
        Lsn profiled = batch(() -> bridge.putCustomer(58, "Grace", "Arlington", 3, 4200, "2026-11-23T10:00:08.000000Z",
                true, "0/9#2"), "customers", 58L);
        awaitCacheValidThrough("orders", placed);
        awaitCacheValidThrough("customers", profiled);
        for (String path : List.of("/orders/5008", "/customers/58")) {
            given().when().get(path).then().statusCode(200); // loads the document into the cache
            Response viaRest = given().queryParam("via", "rest").when().get(path); // a query: the REST layer
            double before = renderedReads();
            Response fast = given().when().get(path);
            assertThat(renderedReads()).as("%s answered by the fast lane", path).isEqualTo(before + 1);
            assertThat(fast.statusCode()).isEqualTo(200);
            assertThat(fast.asByteArray()).isEqualTo(viaRest.asByteArray());
            for (String header : List.of("Content-Type", "Content-Length", "ETag", "Cache-Control")) {
                assertThat(fast.header(header)).as(header).isNotNull().isEqualTo(viaRest.header(header));
            }
            Response notModified = given().header("If-None-Match", fast.header("ETag")).when().get(path);
            Response notModifiedViaRest = given().header("If-None-Match", fast.header("ETag"))
                    .queryParam("via", "rest").when().get(path);
            assertThat(renderedReads()).isEqualTo(before + 2);
            assertThat(notModified.statusCode()).isEqualTo(notModifiedViaRest.statusCode()).isEqualTo(304);
            assertThat(notModified.header("ETag")).isEqualTo(notModifiedViaRest.header("ETag"));
            assertThat(notModified.header("Cache-Control")).isEqualTo(notModifiedViaRest.header("Cache-Control"));
        }
    }

    @Test
    void whatTheFastLaneDoesNotHoldGoesToTheRestLayer() {
        Lsn placed = placeCachedOrder(5009, 59, "2026-11-23T10:00:09.000000Z", "0/10#1");
        given().when().get("/orders/5009").then().statusCode(200);
        double before = renderedReads();

        given().header("X-Min-Position", placed.toString()).when().get("/orders/5009")
                .then().statusCode(200).header("X-Applied-Position", placed.toString());
        given().when().get("/orders/50x9").then().statusCode(400).contentType("application/problem+json");
        given().when().get("/orders/5999").then().statusCode(404).contentType("application/problem+json");
        given().when().get("/orders/5999").then().statusCode(404).contentType("application/problem+json"); // cached

        assertThat(renderedReads()).isEqualTo(before);
    }

    private double renderedReads() {
        return registry.counter("readmodel.cache.rendered.reads").count();
    }

    @Test
    void lagReportsThePositionReadsByKeyReflect() {
        Lsn placed = placeCachedOrder(5007, 57, "2026-11-23T10:00:07.000000Z", "0/8#1");

        Response lag = given().when().get("/lag");
        String orders = "projections.find { it.projection == 'orders' }.";
        assertThat(lag.jsonPath().getString(orders + "servedLsn")).isEqualTo(placed.toString());
        assertThat(lag.jsonPath().getDouble(orders + "servedLagSeconds")).isBetween(0.0, 60.0);
    }

    /**
     * Runs a scenario that relies on the cache keeping what it loaded until certain moments again (with fresh ids)
     * when the cache was restarted meanwhile (on a loaded machine a log read can time out, which empties the cache):
     * only a run without a restart shows that the answers came from the cache.
     */
    private void withoutRestart(java.util.function.IntConsumer scenario) {
        for (int attempt = 0; attempt < 5; attempt++) {
            long before = sync.restarts();
            try {
                scenario.accept(attempt);
            } catch (AssertionError e) {
                if (sync.restarts() == before) {
                    throw e;
                }
                continue;
            }
            if (sync.restarts() == before) {
                return;
            }
        }
        throw new AssertionError("the cache restarted during every attempt");
    }

    /** Plays one bridge batch: entry, documents, checkpoint at a fresh LSN; returns the LSN. */
    /** Places an order in one batch (its entry, the document, the checkpoint) and waits until the cache follows it. */
    private Lsn placeCachedOrder(long id, long customerId, String placedAt, String position) {
        Lsn placed = batch(() -> bridge.putOrder(id, customerId, placedAt, "PLACED", true, position), "orders", id);
        awaitCacheValidThrough("orders", placed);
        return placed;
    }

    private static Lsn batch(Runnable documents, String projection, Object id) {
        Lsn lsn = TestBridge.nextLsn();
        bridge.invalidation(SEQUENCE.incrementAndGet(), lsn, projection, List.of(id));
        documents.run();
        bridge.checkpoint(projection, lsn, Instant.now());
        return lsn;
    }

    private void awaitCacheValidThrough(String projection, Lsn lsn) {
        awaitTrue("the cache is valid through " + lsn, () -> cache.validThrough(projection)
                .filter(checkpoint -> checkpoint.appliedLsn().isAtOrAfter(lsn)).isPresent());
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
