package io.readmodel.e2e;

import static io.readmodel.e2e.Sleeps.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.readmodel.core.position.ConsistencyToken;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The walking skeleton end to end: three real processes, a real PostgreSQL, the MongoDB stand-in. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrdersPipelineIT {

    private static Pipeline pipeline;
    private static long customerId;
    private static long lampId;
    private static long deskId;

    @BeforeAll
    static void startPipeline() {
        pipeline = Pipeline.start("orders-pipeline");
        customerId = id(post("/customers", Map.of("name", "Ada", "email", "ada@example.com", "city", "London")));
        lampId = id(post("/products", Map.of("sku", "LAMP", "name", "Lamp", "priceCents", 1000, "stock", 10_000)));
        deskId = id(post("/products", Map.of("sku", "DESK", "name", "Desk", "priceCents", 9000, "stock", 10_000)));
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void anOrderPlacedThroughWriteApiIsVisibleOnTheFirstReadWithItsToken() {
        Http.Response placed = post("/orders", Map.of("customerId", customerId,
                "lines", List.of(Map.of("productId", lampId, "quantity", 2), Map.of("productId", deskId, "quantity", 1))));
        assertThat(placed.json().get("totalCents").asLong()).isEqualTo(11_000);

        Http.Response read = readOrder(id(placed), placed.header(ConsistencyToken.RESPONSE_HEADER));

        assertThat(read.status()).as(read.raw().body()).isEqualTo(200);
        JsonNode order = read.json();
        assertThat(order.get("status").asText()).isEqualTo("PLACED");
        assertThat(order.get("customer").get("name").asText()).isEqualTo("Ada");
        assertThat(order.get("lines")).hasSize(2);
        assertThat(order.get("lines").get(0).get("sku").asText()).isEqualTo("LAMP");
        assertThat(order.get("lines").get(1).get("productName").asText()).isEqualTo("Desk");
        assertThat(read.header("ETag")).isNotBlank();
    }

    @Test
    @Order(2)
    void renamingACustomerChangesEveryOneOfTheirOrders() {
        List<Long> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            orders.add(id(post("/orders", Map.of("customerId", customerId, "lines", List.of(Map.of("productId", lampId, "quantity", 1))))));
        }

        Http.Response renamed = Http.patch(pipeline.writeApi.url("/customers/" + customerId), Map.of("name", "Ada Lovelace", "city", "Oxford"));
        assertThat(renamed.status()).as(renamed.raw().body()).isBetween(200, 204);
        String token = renamed.header(ConsistencyToken.RESPONSE_HEADER);

        for (long order : orders) {
            JsonNode customer = readOrder(order, token).json().get("customer");
            assertThat(customer.get("name").asText()).isEqualTo("Ada Lovelace");
            assertThat(customer.get("city").asText()).isEqualTo("Oxford");
        }
    }

    @Test
    @Order(3)
    void anOrderInsertedWithPlainSqlLikeALegacyAppIsServed() throws Exception {
        String token;
        long orderId;
        try (Connection connection = pipeline.sql(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            ResultSet inserted = statement.executeQuery(
                    "INSERT INTO orders (customer_id, total_cents) VALUES (" + customerId + ", 18000) RETURNING id");
            inserted.next();
            orderId = inserted.getLong(1);
            statement.execute("INSERT INTO order_lines (order_id, product_id, quantity, unit_price_cents) VALUES ("
                    + orderId + ", " + deskId + ", 2, 9000)");
            connection.commit();
            connection.setAutoCommit(true);
            token = emitToken(statement);
        }

        Http.Response read = readOrder(orderId, token);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("totalCents").asLong()).isEqualTo(18_000);
        assertThat(read.json().get("lines").get(0).get("productName").asText()).isEqualTo("Desk");
    }

    @Test
    @Order(4)
    void killingTheBridgeMidStreamLosesAndDuplicatesNothing() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger placed = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                Http.Response response = Http.post(pipeline.writeApi.url("/orders"), Map.of("customerId", customerId,
                        "lines", List.of(Map.of("productId", lampId, "quantity", 1), Map.of("productId", deskId, "quantity", 1))), Map.of());
                if (response.status() == 201) {
                    placed.incrementAndGet();
                }
            }
        }, "order-writer");
        writer.start();
        try {
            sleep(1500);
            pipeline.bridge.kill();
            sleep(1500);
            try (Connection connection = pipeline.sql(); Statement statement = connection.createStatement()) {
                statement.execute("UPDATE products SET name = 'Standing desk' WHERE id = " + deskId);
            }
            pipeline.restartBridge();
            sleep(1500);
        } finally {
            writing.set(false);
            writer.join();
        }
        assertThat(placed.get()).isPositive();

        OrdersDrift.Report drift = awaitNoDrift();
        assertThat(drift.isZero()).as(drift.toString()).isTrue();
    }

    @Test
    @Order(5)
    void lagIsSaneAndDoesNotGrowWhileTheSourceIsIdle() {
        awaitNoDrift();
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Http.Response lag = Http.get(pipeline.readApi.url("/lag"), Map.of());
            assertThat(lag.status()).isEqualTo(200);
            JsonNode orders = null;
            for (JsonNode projection : lag.json().get("projections")) {
                if (projection.get("projection").asText().equals("orders")) {
                    orders = projection;
                }
            }
            assertThat(orders).as(lag.raw().body()).isNotNull();
            samples.add(orders.get("lagSeconds").asDouble());
            sleep(1000);
        }
        // heartbeats every 0.5 s keep the commit time of the last applied event fresh: lag stays small, never negative
        assertThat(samples).allSatisfy(lag -> assertThat(lag).isBetween(0.0, 3.0));

        String bridgeMetrics = Http.get(pipeline.bridge.url("/q/metrics"), Map.of()).raw().body();
        assertThat(bridgeMetrics).contains("readmodel_bridge_source_lag_seconds{projection=\"orders\"}")
                .contains("readmodel_bridge_events_total{op=\"c\",table=\"orders\"}")
                .contains("readmodel_bridge_commit_to_applied_seconds_bucket");
        String readMetrics = Http.get(pipeline.readApi.url("/q/metrics"), Map.of()).raw().body();
        assertThat(readMetrics).contains("readmodel_staleness_seconds{projection=\"orders\"}");
    }

    @Test
    @Order(6)
    void commandsAndAdminNeedATokenAndNoTokenReachesTheLogs() {
        Map<String, Object> customer = Map.of("name", "Eve", "email", "eve@example.com", "city", "Paris");
        Http.Response anonymous = Http.post(pipeline.writeApi.url("/customers"), customer, Map.of("Authorization", ""));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Http.post(pipeline.writeApi.url("/customers"), customer,
                Map.of("Authorization", "Bearer " + E2eTokens.withGroups("reader"))).status()).isEqualTo(403);
        assertThat(Http.post(pipeline.bridge.url("/admin/reconciliations/orders"), null, Map.of("Authorization", "")).status())
                .isEqualTo(401);
        assertThat(Http.post(pipeline.bridge.url("/admin/reconciliations/orders"), null,
                Map.of("Authorization", "Bearer " + E2eTokens.withGroups("writer"))).status()).isEqualTo(403);
        // reads are open by default (readapi.auth.required=false)
        assertThat(Http.get(pipeline.readApi.url("/customers/" + customerId), Map.of("Authorization", "")).status()).isEqualTo(200);

        String signature = E2eTokens.ALL_ROLES.substring(E2eTokens.ALL_ROLES.lastIndexOf('.') + 1);
        for (AppProcess app : List.of(pipeline.writeApi, pipeline.bridge, pipeline.readApi)) {
            assertThat(app.log()).as(app.url("/") + " log").isNotBlank().doesNotContain(signature);
        }
    }

    private static OrdersDrift.Report awaitNoDrift() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            try {
                OrdersDrift.Report report = OrdersDrift.measure(pipeline);
                if (report.isZero() || Instant.now().isAfter(deadline)) {
                    return report;
                }
            } catch (Exception e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(e);
                }
            }
            sleep(500);
        }
    }

    private static String emitToken(Statement statement) throws Exception {
        ResultSet token = statement.executeQuery("SELECT pg_logical_emit_message(false, 'readmodel.token', '')::text");
        token.next();
        return token.getString(1);
    }

    private static Http.Response readOrder(long id, String token) {
        return Http.get(pipeline.readApi.url("/orders/" + id), Map.of(ConsistencyToken.REQUEST_HEADER, token));
    }

    private static Http.Response post(String path, Object body) {
        Http.Response response = Http.post(pipeline.writeApi.url(path), body, Map.of());
        assertThat(response.status()).as("POST %s: %s", path, response.raw().body()).isEqualTo(201);
        assertThat(response.header(ConsistencyToken.RESPONSE_HEADER)).isNotBlank();
        return response;
    }

    private static long id(Http.Response response) {
        return response.json().get("id").asLong();
    }
}
