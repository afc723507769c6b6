package io.readmodel.readapi.cache;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.readmodel.core.position.Lsn;
import io.readmodel.readapi.MongoResource;
import io.readmodel.readapi.TestBridge;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With {@code readapi.cache.enabled=false} every read goes to MongoDB, even while the bridge writes the log. */
@QuarkusTest
@TestProfile(CacheDisabledTest.NoCache.class)
@WithTestResource(MongoResource.class)
class CacheDisabledTest {

    /** The cache off. */
    public static class NoCache implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("readapi.cache.enabled", "false");
        }
    }

    private static TestBridge bridge;

    @Inject
    DocumentCache cache;

    @BeforeAll
    static void connect() {
        bridge = TestBridge.connect();
    }

    @AfterAll
    static void disconnect() {
        bridge.close();
    }

    @Test
    void everyReadSeesTheStoredDocumentAndTokensWaitOnTheCheckpoint() throws Exception {
        Lsn lsn = TestBridge.nextLsn();
        bridge.invalidation(1, lsn, "orders", List.of(6000L));
        bridge.putOrder(6000, 60, "2026-11-23T11:00:00.000000Z", "PLACED", true, "0/9#1");
        bridge.checkpoint("orders", lsn, Instant.now());

        given().header("X-Min-Position", lsn.toString()).when().get("/orders/6000")
                .then().statusCode(200).header("X-Applied-Position", lsn.toString()).body("status", equalTo("PLACED"));
        bridge.putOrder(6000, 60, "2026-11-23T11:00:00.000000Z", "SHIPPED", true, "0/9#2"); // no entry
        given().when().get("/orders/6000").then().statusCode(200).body("status", equalTo("SHIPPED"));

        Thread.sleep(100);
        assertThat(cache.validThrough("orders")).isEmpty();
        assertThat(cache.size()).isZero();
    }
}
