package io.readmodel.writeapi.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.readmodel.core.position.Lsn;
import io.readmodel.writeapi.PostgresResource;
import io.readmodel.writeapi.WriteApiTestSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class OrderCommandsTest extends WriteApiTestSupport {

    @TestHTTPResource("/orders")
    URI ordersUri;

    @Test
    void placingAnOrderReservesStockAndReturnsAToken() {
        long customer = createCustomer("Ada");
        long lamp = createProduct(1250, 10);
        long desk = createProduct(9900, 2);
        Lsn before = currentWalLsn();

        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("customerId", customer, "lines", List.of(
                        Map.of("productId", lamp, "quantity", 3), Map.of("productId", desk, "quantity", 1))))
                .post("/orders");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        long orderId = response.jsonPath().getLong("id");
        assertThat(response.jsonPath().getLong("totalCents")).isEqualTo(3 * 1250 + 9900);
        assertThat(response.getHeader("Location")).endsWith("/orders/" + orderId);
        assertTokenAtOrAfter(response, before);
        assertThat(stockOf(lamp)).isEqualTo(7);
        assertThat(stockOf(desk)).isEqualTo(1);
        assertThat(text("SELECT status || ':' || total_cents || ':' || customer_id FROM orders WHERE id = " + orderId))
                .isEqualTo("PLACED:" + (3 * 1250 + 9900) + ":" + customer);
        assertThat(scalar("SELECT count(*) FROM order_lines WHERE order_id = " + orderId)).isEqualTo(2);
        assertThat(scalar("SELECT unit_price_cents FROM order_lines WHERE order_id = " + orderId + " AND product_id = " + lamp))
                .isEqualTo(1250);
    }

    @Test
    void theTokenIsTheLogicalMessageWrittenRightAfterTheCommandsCommit() throws Exception {
        long customer = createCustomer("Bea");
        long lamp = createProduct(100, 5);
        List<String[]> changes;
        Lsn token;
        try (Connection connection = postgres.connect(PostgresResource.DATABASE);
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_create_logical_replication_slot('token_probe', 'test_decoding')");
            try {
                token = assertTokenAtOrAfter(placeOrder(customer, lamp, 1), Lsn.ZERO).lsn();
                changes = decodeUntilTheTokenMessage(statement);
            } finally {
                statement.execute("SELECT pg_drop_replication_slot('token_probe')");
            }
        }

        String[] commit = changes.stream().filter(change -> change[1].startsWith("COMMIT")).findFirst().orElseThrow();
        String[] message = changes.stream().filter(change -> change[1].contains("prefix: readmodel.token")).findFirst().orElseThrow();
        assertThat(changes.stream().map(change -> change[1])).anyMatch(data -> data.startsWith("table public.orders: INSERT"));
        assertThat(Lsn.parse(message[0])).isEqualTo(token);
        assertThat(token.isAtOrAfter(Lsn.parse(commit[0]))).isTrue();
        assertThat(changes.indexOf(message)).isGreaterThan(changes.indexOf(commit));
    }

    /** Decoding only reaches flushed WAL, and the embedded server commits asynchronously: poll a little. */
    private static List<String[]> decodeUntilTheTokenMessage(Statement statement) throws Exception {
        List<String[]> changes = new ArrayList<>();
        for (int attempt = 0; attempt < 100; attempt++) {
            changes.clear();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT lsn::text, data FROM pg_logical_slot_peek_changes('token_probe', NULL, NULL)")) {
                while (rows.next()) {
                    changes.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
            if (changes.stream().anyMatch(change -> change[1].contains("prefix: readmodel.token"))) {
                return changes;
            }
            Thread.sleep(100);
        }
        return changes;
    }

    @Test
    void unitPriceIsCopiedAtPlacementAndLaterPriceChangesDoNotTouchIt() {
        long customer = createCustomer("Cy");
        long lamp = createProduct(500, 5);
        long orderId = placeOrder(customer, lamp, 2).then().statusCode(201).extract().jsonPath().getLong("id");

        given().contentType(ContentType.JSON).body(Map.of("priceCents", 700)).patch("/products/" + lamp)
                .then().statusCode(200);

        assertThat(scalar("SELECT unit_price_cents FROM order_lines WHERE order_id = " + orderId)).isEqualTo(500);
        assertThat(scalar("SELECT total_cents FROM orders WHERE id = " + orderId)).isEqualTo(1000);
        assertThat(placeOrder(customer, lamp, 1).jsonPath().getLong("totalCents")).isEqualTo(700);
    }

    @Test
    void linesNamingTheSameProductAreMerged() {
        long customer = createCustomer("Dee");
        long lamp = createProduct(100, 5);
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("customerId", customer, "lines", List.of(
                        Map.of("productId", lamp, "quantity", 2), Map.of("productId", lamp, "quantity", 3))))
                .post("/orders");

        assertThat(response.statusCode()).isEqualTo(201);
        long orderId = response.jsonPath().getLong("id");
        assertThat(scalar("SELECT count(*) FROM order_lines WHERE order_id = " + orderId)).isEqualTo(1);
        assertThat(scalar("SELECT quantity FROM order_lines WHERE order_id = " + orderId)).isEqualTo(5);
        assertThat(stockOf(lamp)).isZero();
    }

    @Test
    void shortStockIs409NamingTheProductAndReservesNothing() {
        long customer = createCustomer("Eve");
        long plenty = createProduct(100, 50);
        long scarce = createProduct(100, 1);
        String before = rowCounts();

        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("customerId", customer, "lines", List.of(
                        Map.of("productId", plenty, "quantity", 5), Map.of("productId", scarce, "quantity", 2))))
                .post("/orders");

        assertThat(assertProblem(response, 409)).contains("product " + scarce).contains("1 in stock");
        assertThat(rowCounts()).isEqualTo(before);
        assertThat(stockOf(plenty)).isEqualTo(50);
    }

    @Test
    void unknownProductIs422NamingItAndWritesNothing() {
        long customer = createCustomer("Fay");
        String before = rowCounts();

        assertThat(assertProblem(placeOrder(customer, 987654321L, 1), 422)).contains("987654321");
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void unknownCustomerIs422NamingIt() {
        long lamp = createProduct(100, 5);
        String before = rowCounts();

        assertThat(assertProblem(placeOrder(123456789L, lamp, 1), 422)).contains("customer 123456789");
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void zeroAndNegativeQuantitiesAre422AndWriteNothing() {
        long customer = createCustomer("Gus");
        long lamp = createProduct(100, 5);
        String before = rowCounts();

        assertThat(assertProblem(placeOrder(customer, lamp, 0), 422)).contains("lines[0].quantity");
        assertThat(assertProblem(placeOrder(customer, lamp, -3), 422)).contains("lines[0].quantity");
        assertProblem(given().contentType(ContentType.JSON)
                .body(Map.of("customerId", customer, "lines", List.of())).post("/orders"), 422);
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void concurrentOrdersForTheLastUnitsNeverDriveStockNegative() {
        long customer = createCustomer("Hal");
        long lamp = createProduct(100, 3);
        HttpClient client = HttpClient.newHttpClient();
        String body = "{\"customerId\":" + customer + ",\"lines\":[{\"productId\":" + lamp + ",\"quantity\":1}]}";

        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            HttpRequest request = HttpRequest.newBuilder(ordersUri).header("Authorization", bearer())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(3);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(7);
        assertThat(stockOf(lamp)).isZero();
        assertThat(scalar("SELECT count(*) FROM order_lines WHERE product_id = " + lamp)).isEqualTo(3);
    }

    @Test
    void ordersLockingTheSameProductsInOppositeOrderDoNotDeadlock() {
        long customer = createCustomer("Ida");
        long a = createProduct(100, 1000);
        long b = createProduct(100, 1000);
        HttpClient client = HttpClient.newHttpClient();

        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long first = i % 2 == 0 ? a : b;
            long second = i % 2 == 0 ? b : a;
            String body = "{\"customerId\":" + customer + ",\"lines\":[{\"productId\":" + first + ",\"quantity\":1},"
                    + "{\"productId\":" + second + ",\"quantity\":1}]}";
            answers.add(client.sendAsync(HttpRequest.newBuilder(ordersUri).header("Content-Type", "application/json").header("Authorization", bearer())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }

        assertThat(answers.stream().map(CompletableFuture::join).map(HttpResponse::statusCode)).containsOnly(201);
        assertThat(stockOf(a)).isEqualTo(980);
        assertThat(stockOf(b)).isEqualTo(980);
    }

    @Test
    void cancelReturnsStock() {
        long customer = createCustomer("Jo");
        long lamp = createProduct(100, 5);
        long orderId = placeOrder(customer, lamp, 4).then().statusCode(201).extract().jsonPath().getLong("id");
        assertThat(stockOf(lamp)).isEqualTo(1);
        Lsn before = currentWalLsn();

        Response response = given().post("/orders/" + orderId + "/cancel");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("status")).isEqualTo("CANCELLED");
        assertTokenAtOrAfter(response, before);
        assertThat(stockOf(lamp)).isEqualTo(5);
        assertThat(text("SELECT status FROM orders WHERE id = " + orderId)).isEqualTo("CANCELLED");
    }

    @Test
    void shippingAPlacedOrderKeepsItsStockReserved() {
        long customer = createCustomer("Kim");
        long lamp = createProduct(100, 5);
        long orderId = placeOrder(customer, lamp, 2).then().statusCode(201).extract().jsonPath().getLong("id");

        given().post("/orders/" + orderId + "/ship").then().statusCode(200);

        assertThat(text("SELECT status FROM orders WHERE id = " + orderId)).isEqualTo("SHIPPED");
        assertThat(stockOf(lamp)).isEqualTo(3);
    }

    @Test
    void cancellingAShippedOrderIs409() {
        long customer = createCustomer("Lu");
        long lamp = createProduct(100, 5);
        long orderId = placeOrder(customer, lamp, 2).then().statusCode(201).extract().jsonPath().getLong("id");
        given().post("/orders/" + orderId + "/ship").then().statusCode(200);

        assertThat(assertProblem(given().post("/orders/" + orderId + "/cancel"), 409)).contains("SHIPPED");
        assertThat(stockOf(lamp)).isEqualTo(3);
        assertThat(text("SELECT status FROM orders WHERE id = " + orderId)).isEqualTo("SHIPPED");
    }

    @Test
    void shippingOrCancellingACancelledOrderIs409() {
        long customer = createCustomer("Mo");
        long lamp = createProduct(100, 5);
        long orderId = placeOrder(customer, lamp, 2).then().statusCode(201).extract().jsonPath().getLong("id");
        given().post("/orders/" + orderId + "/cancel").then().statusCode(200);

        assertThat(assertProblem(given().post("/orders/" + orderId + "/ship"), 409)).contains("CANCELLED");
        assertProblem(given().post("/orders/" + orderId + "/cancel"), 409);
        assertThat(stockOf(lamp)).isEqualTo(5);
    }

    @Test
    void unknownAndMalformedOrderIdsAre404Problems() {
        assertThat(assertProblem(given().post("/orders/999999999/cancel"), 404)).contains("999999999");
        assertProblem(given().post("/orders/999999999/ship"), 404);
        assertProblem(given().post("/orders/abc/cancel"), 404);
        assertProblem(given().post("/orders/-1/ship"), 404);
        assertProblem(given().post("/orders/99999999999999999999999/ship"), 404);
    }
}
