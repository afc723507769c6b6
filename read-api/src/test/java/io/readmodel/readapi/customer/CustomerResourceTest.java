package io.readmodel.readapi.customer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.readmodel.core.position.Lsn;
import io.readmodel.readapi.MongoResource;
import io.readmodel.readapi.TestBridge;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(MongoResource.class)
class CustomerResourceTest {

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
    void aLiveCustomerIsServedWithItsFiguresWithoutIdAndMeta() {
        bridge.putCustomer(7, "Ada", "London", 3, 7797, "2026-11-23T16:30:20.123456Z", true, "0/16B3748#1");

        given().when().get("/customers/7")
                .then().statusCode(200)
                .contentType("application/json")
                .header("ETag", "\"0/16B3748#1\"")
                .body("id", equalTo(7))
                .body("name", equalTo("Ada"))
                .body("email", equalTo("ada@example.com"))
                .body("city", equalTo("London"))
                .body("orderCount", equalTo(3))
                .body("lifetimeValueCents", equalTo(7797))
                .body("lastOrderAt", equalTo("2026-11-23T16:30:20.123456Z"))
                .body("$", not(hasKey("_id")))
                .body("$", not(hasKey("_meta")));
    }

    @Test
    void aMatchingIfNoneMatchAnswers304UntilTheCustomerChanges() {
        bridge.putCustomer(8, "Grace", "Arlington", 1, 100, "2026-11-23T10:00:00.000000Z", true, "0/20#1");
        given().header("If-None-Match", "\"0/20#1\"").when().get("/customers/8")
                .then().statusCode(304).header("ETag", "\"0/20#1\"");

        bridge.putCustomer(8, "Grace", "Boston", 1, 100, "2026-11-23T10:00:00.000000Z", true, "0/21#1");
        given().header("If-None-Match", "\"0/20#1\"").when().get("/customers/8")
                .then().statusCode(200)
                .header("ETag", "\"0/21#1\"")
                .body("city", equalTo("Boston"));
    }

    @Test
    void aTokenWaitsForTheCustomersCheckpointNotTheOrdersOne() throws Exception {
        bridge.putCustomer(9, "Linus", "Helsinki", 0, 0, null, true, "0/30#1");
        Lsn token = TestBridge.nextLsn();
        bridge.checkpoint("orders", token, Instant.now()); // orders are there; customers are not yet

        CompletableFuture<Void> customersCatchUp = CompletableFuture.runAsync(() -> {
            pause(300);
            bridge.putCustomer(9, "Linus", "Portland", 1, 500, "2026-11-23T11:00:00.000000Z", true, token + "#1");
            bridge.checkpoint("customers", token, Instant.now());
        });
        Response response = given().header("X-Min-Position", token.toString()).when().get("/customers/9");
        customersCatchUp.get(5, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("X-Applied-Position")).isEqualTo(token.toString());
        assertThat(response.jsonPath().getString("city")).isEqualTo("Portland");
        assertThat(response.jsonPath().getInt("orderCount")).isEqualTo(1);
    }

    @Test
    void aTokenTheCustomersProjectionNeverReachesIs504() {
        Lsn applied = bridge.advance("customers");
        Lsn token = TestBridge.nextLsn();
        bridge.checkpoint("orders", token, Instant.now());

        given().queryParam("minPosition", token.toString()).when().get("/customers/9")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .header("X-Applied-Position", applied.toString())
                .body("detail", org.hamcrest.Matchers.containsString("'customers'"));
    }

    @Test
    void aMissingOrNotLiveCustomerIsA404Problem() {
        bridge.putCustomer(10, "Gone", "Nowhere", 0, 0, null, false, "0/40#1");
        for (String id : new String[] {"10", "999999"}) {
            given().when().get("/customers/" + id)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://readmodel.io/problems/customer-not-found"))
                    .body("instance", equalTo("/customers/" + id));
        }
    }

    @Test
    void aMalformedCustomerIdIsA400Problem() {
        given().when().get("/customers/seven")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://readmodel.io/problems/invalid-id"));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
