package io.readmodel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.readmodel.core.position.ConsistencyToken;
import io.readmodel.core.position.Position;
import io.readmodel.infra.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The projection guarantees that need a real PostgreSQL and a real Debezium: commit order across interleaved
 * transactions, unchanged TOASTed values, primary-key updates, and fail-fast definitions. Every test ends with
 * zero drift on reconciliation.
 */
class ProjectionGuaranteesIT {

    private static Pipeline pipeline;

    @BeforeAll
    static void startPipeline() throws Exception {
        pipeline = Pipeline.start("projection-guarantees");
        pipeline.execute("""
                INSERT INTO customers (id, name, email, city) VALUES (1001, 'Ines', 'ines@example.com', 'Lisbon');
                INSERT INTO products (id, sku, name, price_cents, stock) VALUES (1001, 'CUP', 'Cup', 500, 100);
                INSERT INTO orders (id, customer_id, total_cents) VALUES (1001, 1001, 500);
                INSERT INTO order_lines (order_id, product_id, quantity, unit_price_cents) VALUES (1001, 1001, 1, 500);
                """);
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void transactionsWhoseChangesInterleaveAreAppliedInCommitOrder() throws Exception {
        long firstChangeLsn;
        try (Connection first = pipeline.sql(); Connection second = pipeline.sql();
                Statement firstSql = first.createStatement(); Statement secondSql = second.createStatement()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            // the first transaction changes first (earlier WAL position) ...
            firstSql.execute("UPDATE customers SET name = 'Ines (first to change, last to commit)' WHERE id = 1001");
            firstChangeLsn = lsn(firstSql);
            // ... the second changes the same document later and commits first
            secondSql.execute("UPDATE orders SET status = 'SHIPPED' WHERE id = 1001");
            assertThat(lsn(secondSql)).isGreaterThan(firstChangeLsn);
            second.commit();
            first.commit();
        }

        JsonNode order = read("/orders/1001");

        assertThat(order.get("status").asText()).isEqualTo("SHIPPED");
        assertThat(order.get("customer").get("name").asText()).isEqualTo("Ines (first to change, last to commit)");
        assertZeroDrift("orders", "customers");
    }

    @Test
    void anUnchangedToastedValueNeverShowsDebeziumsPlaceholder() throws Exception {
        pipeline.execute("""
                INSERT INTO products (id, sku, name, price_cents, stock, description)
                SELECT 2001, 'ATLAS', 'Atlas', 9900, 5, string_agg(md5(random()::text), '') FROM generate_series(1, 6000);
                """);
        String description;
        try (Connection connection = pipeline.sql(); Statement statement = connection.createStatement();
                ResultSet stored = statement.executeQuery(
                        "SELECT description, pg_column_size(description) FROM products WHERE id = 2001")) {
            stored.next();
            description = stored.getString(1);
            assertThat(stored.getInt(2)).as("stored out of line (TOASTed)").isGreaterThan(8000);
        }

        pipeline.execute("UPDATE products SET price_cents = 9500, stock = 4 WHERE id = 2001");
        JsonNode product = read("/views/products/2001");

        assertThat(product.get("priceCents").asLong()).isEqualTo(9500);
        assertThat(product.get("description").asText()).doesNotContain("__debezium_unavailable_value").isEqualTo(description);
        assertZeroDrift("products");
    }

    @Test
    void aPrimaryKeyUpdateMovesTheDocument() throws Exception {
        pipeline.execute("INSERT INTO products (id, sku, name, price_cents, stock) VALUES (3001, 'BOWL', 'Bowl', 700, 3)");
        read("/views/products/3001");

        pipeline.execute("UPDATE products SET id = 3002 WHERE id = 3001");
        JsonNode moved = read("/views/products/3002");

        assertThat(moved.get("sku").asText()).isEqualTo("BOWL");
        Http.Response old = Http.get(pipeline.readApi.url("/views/products/3001"), Map.of(ConsistencyToken.REQUEST_HEADER, pipeline.token()));
        assertThat(old.status()).isEqualTo(404);
        assertZeroDrift("products");
    }

    @Test
    void customerFiguresAreServedAndFollowCancellations() throws Exception {
        pipeline.execute("""
                INSERT INTO customers (id, name, email, city) VALUES (4001, 'Olu', 'olu@example.com', 'Lagos');
                INSERT INTO orders (id, customer_id, total_cents, placed_at) VALUES (4001, 4001, 1200, '2026-03-01 09:00:00+00');
                INSERT INTO orders (id, customer_id, total_cents, placed_at) VALUES (4002, 4001, 800, '2026-03-02 09:00:00+00');
                UPDATE orders SET status = 'CANCELLED' WHERE id = 4001;
                """);

        JsonNode customer = read("/customers/4001");

        assertThat(customer.get("orderCount").asLong()).isEqualTo(2);
        assertThat(customer.get("lifetimeValueCents").asLong()).isEqualTo(800);
        assertThat(customer.get("lastOrderAt").asText()).isEqualTo("2026-03-02T09:00:00.000000Z");
        assertZeroDrift("customers");
    }

    @Test
    void aDefinitionNamingAnUnknownColumnStopsTheBridgeWithFileLineAndField() throws Exception {
        Path definitions = Files.createTempFile("bad-projections", ".yaml");
        Files.writeString(definitions, """
                projections:
                  - name: products
                    table: products
                    key: id
                    fields:
                      id: id
                      label: no_such_column
                """);
        Map<String, String> properties = new HashMap<>(Map.of(
                "bridge.source.port", Integer.toString(pipeline.postgres.port()),
                "bridge.source.database", pipeline.database,
                "bridge.slot-name", "bad_definitions", "bridge.publication-name", "bad_definitions",
                "bridge.database", "bad_definitions",
                "bridge.projections.file", definitions.toString(),
                "quarkus.mongodb.connection-string", pipeline.mongoUri));
        try (AppProcess bridge = AppProcess.quarkusApp(Pipeline.ROOT, "cdc-bridge", FreePorts.find(), properties,
                pipeline.logs.resolve("bad-definitions")).start()) {
            int exit = bridge.awaitExit(Duration.ofSeconds(90));

            assertThat(exit).as(bridge.logTail()).isNotZero().isNotEqualTo(-1);
            assertThat(bridge.log()).contains(definitions.getFileName() + ":7:").contains("projections[0].fields.label")
                    .contains("no_such_column");
        } finally {
            Files.deleteIfExists(definitions);
        }
    }

    private static long lsn(Statement statement) throws Exception {
        try (ResultSet result = statement.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            result.next();
            return Position.parse(result.getString(1)).commitLsn().value();
        }
    }

    /** Reads a document through read-api with a token taken now: it reflects every change made before. */
    private static JsonNode read(String path) throws Exception {
        Http.Response response = Http.get(pipeline.readApi.url(path), Map.of(ConsistencyToken.REQUEST_HEADER, pipeline.token()));
        assertThat(response.status()).as("%s: %s", path, response.raw().body()).isEqualTo(200);
        return response.json();
    }

    private static void assertZeroDrift(String... projections) {
        for (String projection : List.of(projections)) {
            JsonNode report = Reconciliation.awaitZeroDrift(pipeline, projection, Duration.ofSeconds(60));
            assertThat(report.get("drift").asInt()).as(report.toPrettyString()).isZero();
        }
    }
}
