package io.readmodel.bridge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.readmodel.core.checkpoint.CheckpointDocument;
import io.readmodel.core.position.ConsistencyToken;
import io.readmodel.core.position.Lsn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = SourceAndMongoResource.class, restrictToAnnotatedClass = true)
class ChangeStreamTest {

    private MongoClient client;
    private MongoCollection<Document> orders;

    @BeforeEach
    void connect() {
        client = MongoClients.create(SourceAndMongoResource.mongo.connectionString());
        orders = client.getDatabase("readmodel").getCollection("orders");
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void aRowWrittenWithPlainSqlIsProjectedAndFollowsLaterChanges() throws Exception {
        sql("INSERT INTO customers (id, name, email, city) VALUES (501, 'Ada', 'ada@example.com', 'London')",
                "INSERT INTO products (id, sku, name, price_cents, stock) VALUES (501, 'LAMP-501', 'Lamp', 1000, 10)",
                "INSERT INTO products (id, sku, name, price_cents, stock) VALUES (502, 'DESK-502', 'Desk', 9000, 10)");
        sql("BEGIN",
                "INSERT INTO orders (id, customer_id, total_cents, placed_at) VALUES (5001, 501, 11000, '2026-11-23 10:00:00.123456+00')",
                "INSERT INTO order_lines (id, order_id, product_id, quantity, unit_price_cents) VALUES (50001, 5001, 501, 2, 1000)",
                "INSERT INTO order_lines (id, order_id, product_id, quantity, unit_price_cents) VALUES (50002, 5001, 502, 1, 9000)",
                "INSERT INTO orders (id, customer_id, total_cents) VALUES (5002, 501, 1000)",
                "INSERT INTO order_lines (id, order_id, product_id, quantity, unit_price_cents) VALUES (50003, 5002, 501, 1, 1000)",
                "COMMIT");

        // the initial snapshot may deliver orders before customers: wait for the whole document
        Document order = awaitOrder(5001L, doc -> doc.getList("lines", Document.class).size() == 2
                && "Ada".equals(doc.get("customer", Document.class).getString("name"))
                && "LAMP-501".equals(doc.getList("lines", Document.class).get(0).getString("sku")));
        assertThat(order.getString("status")).isEqualTo("PLACED");
        assertThat(order.getLong("totalCents")).isEqualTo(11000L);
        assertThat(order.getString("placedAt")).isEqualTo("2026-11-23T10:00:00.123456Z");
        assertThat(order.get("customer", Document.class)).containsEntry("name", "Ada").containsEntry("city", "London");
        assertThat(order.getList("lines", Document.class).get(0))
                .containsEntry("sku", "LAMP-501").containsEntry("productName", "Lamp").containsEntry("quantity", 2);

        sql("UPDATE customers SET name = 'Ada Lovelace' WHERE id = 501");
        for (long id : List.of(5001L, 5002L)) {
            awaitOrder(id, doc -> "Ada Lovelace".equals(doc.get("customer", Document.class).getString("name")));
        }

        sql("UPDATE products SET name = 'Desk lamp' WHERE id = 501", "DELETE FROM order_lines WHERE id = 50002");
        Document changed = awaitOrder(5001L, doc -> doc.getList("lines", Document.class).size() == 1);
        assertThat(changed.getList("lines", Document.class).get(0)).containsEntry("productName", "Desk lamp");

        sql("DELETE FROM orders WHERE id = 5002");
        awaitOrder(5002L, doc -> !doc.get("_meta", Document.class).getBoolean("live"));
    }

    @Test
    void customerFiguresFollowTheirOrders() throws Exception {
        sql("INSERT INTO customers (id, name, email, city) VALUES (601, 'Eve', 'eve@example.com', 'Oslo')",
                "INSERT INTO orders (id, customer_id, total_cents, placed_at) VALUES (6001, 601, 1000, '2026-01-01 10:00:00+00')",
                "INSERT INTO orders (id, customer_id, total_cents, placed_at) VALUES (6002, 601, 2500, '2026-01-03 10:00:00+00')",
                "INSERT INTO orders (id, customer_id, total_cents, placed_at) VALUES (6003, 601, 400, '2026-01-02 10:00:00+00')",
                "UPDATE orders SET status = 'CANCELLED' WHERE id = 6002");
        MongoCollection<Document> customers = client.getDatabase("readmodel").getCollection("customers");
        Document customer = await(customers, 601L, doc -> doc.get("orderCount") != null && doc.getLong("orderCount") == 3
                && doc.getLong("lifetimeValueCents") == 1400);
        assertThat(customer.getString("lastOrderAt")).isEqualTo("2026-01-03T10:00:00.000000Z");

        sql("DELETE FROM orders WHERE id = 6001");
        await(customers, 601L, doc -> doc.getLong("orderCount") == 2 && doc.getLong("lifetimeValueCents") == 400);

        // the order holding the latest time leaves: the figure is recomputed from the orders the document keeps
        sql("INSERT INTO customers (id, name, email, city) VALUES (602, 'Max', 'max@example.com', 'Oslo')",
                "UPDATE orders SET customer_id = 602 WHERE id = 6002");
        await(customers, 602L, doc -> doc.get("orderCount") != null && doc.getLong("orderCount") == 1
                && "2026-01-03T10:00:00.000000Z".equals(doc.getString("lastOrderAt")));
        Document moved = await(customers, 601L, doc -> doc.getLong("orderCount") == 1);
        assertThat(moved.getString("lastOrderAt")).isEqualTo("2026-01-02T10:00:00.000000Z");
        assertThat(moved.getLong("lifetimeValueCents")).isEqualTo(400L);
        // orders are kept apart from the references (a customer's history does not grow its reference list)
        assertThat(moved.get("_meta", Document.class).getList("refs", String.class)).containsExactly("customers:601");
    }

    @Test
    void everyWriteIsAnnouncedInTheInvalidationJournalBeforeTheCheckpointsPassIt() throws Exception {
        sql("INSERT INTO customers (id, name, email, city) VALUES (701, 'Ida', 'ida@example.com', 'Rome')",
                "INSERT INTO orders (id, customer_id, total_cents) VALUES (7001, 701, 700)");
        await(orders, 7001L, doc -> true);
        List<Document> entries = client.getDatabase("readmodel").getCollection("invalidations").find()
                .sort(new Document("_id", 1)).into(new java.util.ArrayList<>());
        for (int i = 0; i < entries.size(); i++) {
            assertThat(((Number) entries.get(i).get("_id")).longValue()).as("consecutive sequences").isEqualTo(i + 1L);
        }
        Document announced = entries.stream()
                .filter(entry -> entry.get("docs", Document.class).getList("orders", Object.class, List.of()).contains(7001L))
                .findFirst().orElseThrow();
        // the entry is written before the document; the checkpoints pass its LSN once the document is written
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (CheckpointDocument.fromDocument(client.getDatabase("readmodel").getCollection(CheckpointDocument.COLLECTION)
                .find(Filters.eq("_id", "orders")).first()).appliedLsn().value() < announced.getLong("lsn")) {
            assertThat(Instant.now()).as("checkpoint passes the entry's LSN").isBefore(deadline);
            sleep(20);
        }
    }

    @Test
    void theCheckpointPassesATokenPromptlyWhenNothingElseIsWritten() throws Exception {
        sql("INSERT INTO customers (name, email, city) VALUES ('Bob', 'bob@example.com', 'Paris')");
        ConsistencyToken token;
        try (Connection connection = SourceAndMongoResource.postgres.connect("shop");
                ResultSet result = connection.createStatement()
                        .executeQuery("SELECT pg_logical_emit_message(false, 'readmodel.token', '')::text")) {
            result.next();
            token = ConsistencyToken.parse(result.getString(1));
        }
        Instant deadline = Instant.now().plus(Duration.ofMillis(900));
        Lsn applied = Lsn.ZERO;
        while (Instant.now().isBefore(deadline)) {
            Document checkpoint = client.getDatabase("readmodel").getCollection(CheckpointDocument.COLLECTION)
                    .find(Filters.eq("_id", "orders")).first();
            if (checkpoint != null) {
                applied = CheckpointDocument.fromDocument(checkpoint).appliedLsn();
                if (token.isSatisfiedBy(applied)) {
                    break;
                }
            }
            Thread.sleep(5);
        }
        assertThat(token.isSatisfiedBy(applied)).as("applied %s, token %s", applied, token).isTrue();
    }

    @Test
    void readinessAndMetricsReportTheStream() {
        awaitReady();
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("readmodel_bridge_source_lag_seconds{projection=\"orders\"}"))
                .body(containsString("readmodel_bridge_commit_to_applied_seconds_bucket"))
                .body(containsString("readmodel_bridge_events_total{op="));
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (given().get("/q/health/ready").statusCode() != 200) {
            assertThat(Instant.now()).as("ready within 60 s").isBefore(deadline);
            sleep(100);
        }
    }

    private Document awaitOrder(long id, Predicate<Document> condition) {
        return await(orders, id, condition);
    }

    private static Document await(MongoCollection<Document> collection, long id, Predicate<Document> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Document order = collection.find(Filters.eq("_id", id)).first();
            if (order != null && condition.test(order)) {
                return order;
            }
            assertThat(Instant.now()).as("order %d reached the expected state; last seen %s", id, order).isBefore(deadline);
            sleep(50);
        }
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection connection = SourceAndMongoResource.postgres.connect("shop");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
