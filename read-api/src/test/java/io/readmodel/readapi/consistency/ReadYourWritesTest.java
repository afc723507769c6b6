package io.readmodel.readapi.consistency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.readmodel.core.position.Lsn;
import io.readmodel.readapi.MongoResource;
import io.readmodel.readapi.TestBridge;
import io.restassured.response.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(MongoResource.class)
class ReadYourWritesTest {

    private static TestBridge bridge;

    @BeforeAll
    static void connect() {
        bridge = TestBridge.connect();
    }

    @AfterAll
    static void disconnect() {
        bridge.close();
    }

    @Test
    void aTokenAlreadyAppliedIsAnsweredAtOnceWithTheAppliedPosition() {
        bridge.putOrder(3000, 30, "2026-11-23T10:00:00.000000Z", "PLACED", true, "0/10#1");
        Lsn applied = bridge.advanceOrders();
        Lsn token = new Lsn(applied.value() - 1);

        given().header("X-Min-Position", token.toString()).when().get("/orders/3000")
                .then().statusCode(200)
                .header("X-Applied-Position", applied.toString())
                .body("status", equalTo("PLACED"));
        given().queryParam("minPosition", applied + "#7").when().get("/customers/30/orders")
                .then().statusCode(200)
                .header("X-Applied-Position", applied.toString())
                .body("items[0].id", equalTo(3000));
    }

    @Test
    void tokenNotYetAppliedWaitsUntilTheCheckpointPassesIt() throws Exception {
        bridge.putOrder(3001, 31, "2026-11-23T10:00:01.000000Z", "PLACED", true, "0/20#1");
        bridge.advanceOrders();
        Lsn token = TestBridge.nextLsn();

        CompletableFuture<Void> bridgeCatchesUp = CompletableFuture.runAsync(() -> {
            sleep(300);
            bridge.putOrder(3001, 31, "2026-11-23T10:00:01.000000Z", "SHIPPED", true, token + "#1");
            bridge.checkpoint("orders", token, java.time.Instant.now());
        });
        Response response = given().header("X-Min-Position", token.toString()).when().get("/orders/3001");
        bridgeCatchesUp.get(5, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("X-Applied-Position")).isEqualTo(token.toString());
        assertThat(response.jsonPath().getString("status")).isEqualTo("SHIPPED");
    }

    @Test
    void aTokenNeverAppliedIsAnswered504WithTheAppliedPositionAndRetryAfter() {
        Lsn applied = bridge.advanceOrders();
        Lsn token = TestBridge.nextLsn();

        given().header("X-Min-Position", token.toString()).when().get("/orders/3000")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .header("X-Applied-Position", applied.toString())
                .header("Retry-After", "1")
                .body("type", equalTo("https://readmodel.io/problems/consistency-timeout"))
                .body("status", equalTo(504))
                .body("detail", containsString(token.toString()))
                .body("detail", containsString(applied.toString()))
                .body("instance", equalTo("/orders/3000"));
    }

    @Test
    void aClientMayAskToWaitLessWithPrefer() {
        Lsn token = TestBridge.nextLsn();

        given().header("X-Min-Position", token.toString()).header("Prefer", "wait=0")
                .when().get("/customers/31/orders")
                .then().statusCode(504)
                .header("Retry-After", "1")
                .body("detail", containsString("within 0 ms"));
    }

    @Test
    void aMalformedTokenIsA400Problem() {
        for (String token : new String[] {"yesterday", "0/XYZ", "0/16B3748#x", "123456789/0", "0/1#2#3"}) {
            given().header("X-Min-Position", token).when().get("/orders/3000")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://readmodel.io/problems/invalid-consistency-token"));
            given().queryParam("minPosition", token).when().get("/customers/30/orders")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://readmodel.io/problems/invalid-consistency-token"));
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
