package io.readmodel.writeapi.idempotency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.readmodel.core.position.ConsistencyToken;
import io.readmodel.writeapi.PostgresResource;
import io.readmodel.writeapi.WriteApiTestSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class IdempotencyTest extends WriteApiTestSupport {

    @TestHTTPResource("/orders")
    URI ordersUri;

    private static String newKey() {
        return "key-" + UUID.randomUUID();
    }

    private Response placeOrderWithKey(String key, String body) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/orders");
    }

    @Test
    void retryWithSameIdempotencyKeyReturnsFirstAnswerWithoutSecondEffect() {
        long customer = createCustomer("Ann");
        long lamp = createProduct(250, 10);
        String key = newKey();
        String body = "{\"customerId\":" + customer + ",\"lines\":[{\"productId\":" + lamp + ",\"quantity\":2}]}";

        Response first = placeOrderWithKey(key, body);
        Response retry = placeOrderWithKey(key, body);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.asString()).isEqualTo(first.asString());
        assertThat(retry.getHeader("Location")).isEqualTo(first.getHeader("Location"));
        assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
        ConsistencyToken firstToken = ConsistencyToken.parse(first.getHeader(ConsistencyToken.RESPONSE_HEADER));
        ConsistencyToken retryToken = ConsistencyToken.parse(retry.getHeader(ConsistencyToken.RESPONSE_HEADER));
        assertThat(retryToken.lsn().isAtOrAfter(firstToken.lsn())).isTrue();
        assertThat(stockOf(lamp)).isEqualTo(8);
        assertThat(scalar("SELECT count(*) FROM orders WHERE customer_id = " + customer)).isEqualTo(1);
    }

    @Test
    void aReformattedBodyIsStillTheSameRequest() {
        long customer = createCustomer("Ben");
        long lamp = createProduct(250, 10);
        String key = newKey();

        placeOrderWithKey(key, "{\"customerId\":" + customer + ",\"lines\":[{\"productId\":" + lamp + ",\"quantity\":1}]}")
                .then().statusCode(201);
        placeOrderWithKey(key, "{ \"lines\" : [ {\"quantity\":1, \"productId\":" + lamp + "} ], \"customerId\" : " + customer + " }")
                .then().statusCode(201).header("Idempotent-Replayed", "true");

        assertThat(stockOf(lamp)).isEqualTo(9);
    }

    @Test
    void sameKeyDifferentBodyIs422() {
        long customer = createCustomer("Cas");
        long lamp = createProduct(250, 10);
        String key = newKey();
        placeOrderWithKey(key, "{\"customerId\":" + customer + ",\"lines\":[{\"productId\":" + lamp + ",\"quantity\":1}]}")
                .then().statusCode(201);

        Response other = placeOrderWithKey(key,
                "{\"customerId\":" + customer + ",\"lines\":[{\"productId\":" + lamp + ",\"quantity\":5}]}");

        assertThat(assertProblem(other, 422)).contains(key);
        assertThat(stockOf(lamp)).isEqualTo(9);
    }

    @Test
    void sameKeyOnAnotherEndpointIs422() {
        String key = newKey();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("name", "Dot", "email", "dot@example.com", "city", "Oslo"))
                .post("/customers").then().statusCode(201);

        assertProblem(given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("sku", "IDEM-" + key, "name", "x", "priceCents", 1, "stock", 1)).post("/products"), 422);
        assertThat(scalar("SELECT count(*) FROM products WHERE sku = 'IDEM-" + key + "'")).isZero();
    }

    @Test
    void aRejectedCommandReleasesItsKey() {
        long customer = createCustomer("Dan");
        long lamp = createProduct(250, 1);
        String key = newKey();
        String body = "{\"customerId\":" + customer + ",\"lines\":[{\"productId\":" + lamp + ",\"quantity\":2}]}";

        assertProblem(placeOrderWithKey(key, body), 409);
        assertThat(scalar("SELECT count(*) FROM idempotency_keys WHERE key = '" + key + "'")).isZero();

        given().contentType(ContentType.JSON).body(Map.of("delta", 5)).post("/products/" + lamp + "/stock-adjustments")
                .then().statusCode(200);
        placeOrderWithKey(key, body).then().statusCode(201);
        assertThat(stockOf(lamp)).isEqualTo(4);
    }

    @Test
    void concurrentDuplicatesWithOneKeyTakeEffectOnce() {
        long customer = createCustomer("Eli");
        long lamp = createProduct(250, 100);
        String key = newKey();
        String body = "{\"customerId\":" + customer + ",\"lines\":[{\"productId\":" + lamp + ",\"quantity\":1}]}";
        HttpClient client = HttpClient.newHttpClient();

        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(client.sendAsync(HttpRequest.newBuilder(ordersUri).header("Content-Type", "application/json").header("Authorization", bearer())
                    .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> responses = answers.stream().map(CompletableFuture::join).toList();

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(201);
        assertThat(responses).extracting(HttpResponse::body).containsOnly(responses.get(0).body());
        assertThat(stockOf(lamp)).isEqualTo(99);
        assertThat(scalar("SELECT count(*) FROM orders WHERE customer_id = " + customer)).isEqualTo(1);
    }

    @Test
    void cancellingTwiceWithOneKeyAnswersTheSameAndReturnsStockOnce() {
        long customer = createCustomer("Flo");
        long lamp = createProduct(250, 10);
        long orderId = placeOrder(customer, lamp, 3).then().statusCode(201).extract().jsonPath().getLong("id");
        String key = newKey();

        given().header("Idempotency-Key", key).post("/orders/" + orderId + "/cancel").then().statusCode(200);
        given().header("Idempotency-Key", key).post("/orders/" + orderId + "/cancel").then().statusCode(200)
                .header("Idempotent-Replayed", "true");

        assertThat(stockOf(lamp)).isEqualTo(10);
    }

    @Test
    void anOverlongKeyIs400() {
        String before = rowCounts();
        assertProblem(given().contentType(ContentType.JSON).header("Idempotency-Key", "k".repeat(201))
                .body(Map.of("name", "Gil", "email", "gil@example.com", "city", "Rome")).post("/customers"), 400);
        assertThat(rowCounts()).isEqualTo(before);
    }
}
