package io.readmodel.readapi.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.readmodel.readapi.MongoResource;
import io.readmodel.readapi.TestBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(MongoResource.class)
class OrderResourceTest {

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
    void aLiveOrderIsServedWithoutIdAndMeta() {
        bridge.putOrder(42, 7, "2026-11-23T16:30:20.123456Z", "PLACED", true, "0/16B3748#3");

        given().when().get("/orders/42")
                .then().statusCode(200)
                .contentType("application/json")
                .body("id", equalTo(42))
                .body("status", equalTo("PLACED"))
                .body("totalCents", equalTo(2599))
                .body("placedAt", equalTo("2026-11-23T16:30:20.123456Z"))
                .body("customer.id", equalTo(7))
                .body("customer.name", equalTo("Ada"))
                .body("customer.email", equalTo("ada@example.com"))
                .body("customer.city", equalTo("London"))
                .body("lines.sku", contains("SKU-3"))
                .body("lines[0].productId", equalTo(3))
                .body("lines[0].productName", equalTo("Lamp"))
                .body("lines[0].quantity", equalTo(2))
                .body("lines[0].unitPriceCents", equalTo(1000))
                .body("$", not(hasKey("_id")))
                .body("$", not(hasKey("_meta")));
    }

    @Test
    void aDocumentThatIsNotLiveDoesNotExistForClients() {
        bridge.putOrder(43, 7, "2026-11-23T16:30:21.000000Z", "CANCELLED", false, "0/16B3800#1");

        given().when().get("/orders/43")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", equalTo("https://readmodel.io/problems/order-not-found"))
                .body("instance", equalTo("/orders/43"));
    }

    @Test
    void aMissingOrderIsA404Problem() {
        given().when().get("/orders/999999")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Order not found"))
                .body("detail", equalTo("There is no order 999999."));
    }

    @Test
    void theEtagFollowsTheDocumentPositionAndAMatchingIfNoneMatchAnswers304() {
        bridge.putOrder(44, 7, "2026-11-23T16:30:22.000000Z", "PLACED", true, "0/16B3900#1");
        given().when().get("/orders/44").then().statusCode(200).header("ETag", "\"0/16B3900#1\"");

        given().header("If-None-Match", "\"0/16B3900#1\"").when().get("/orders/44")
                .then().statusCode(304).header("ETag", "\"0/16B3900#1\"");
        given().header("If-None-Match", "W/\"0/1#1\", W/\"0/16B3900#1\"").when().get("/orders/44")
                .then().statusCode(304);

        bridge.putOrder(44, 7, "2026-11-23T16:30:22.000000Z", "SHIPPED", true, "0/16B3A00#2");
        given().header("If-None-Match", "\"0/16B3900#1\"").when().get("/orders/44")
                .then().statusCode(200)
                .header("ETag", "\"0/16B3A00#2\"")
                .body("status", equalTo("SHIPPED"));
    }

    @Test
    void aMalformedOrderIdIsA400Problem() {
        for (String id : new String[] {"abc", "12x", "99999999999999999999", "1.5"}) {
            given().when().get("/orders/" + id)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://readmodel.io/problems/invalid-id"))
                    .body("status", equalTo(400))
                    .body("detail", not(nullValue()));
        }
    }

    @Test
    void anUnknownPathIsAProblemToo() {
        given().when().get("/orders/42/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
