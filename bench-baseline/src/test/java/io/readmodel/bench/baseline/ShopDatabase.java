package io.readmodel.bench.baseline;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.readmodel.infra.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A throw-away real PostgreSQL with write-api's schema (its Flyway migrations, run in version order as plain SQL)
 * and a few rows: order 1 (customer 1, lines for products 2 then 1), order 2 (no lines).
 */
public class ShopDatabase implements QuarkusTestResourceLifecycleManager {

    /** write-api's migrations, the schema the JOIN reads. */
    static final Path MIGRATIONS = Path.of("../write-api/src/main/resources/db/migration");

    static final String ROWS = """
            INSERT INTO customers (id, name, email, city) VALUES (1, 'Ada', 'ada@example.com', 'London');
            INSERT INTO products (id, sku, name, price_cents, stock) VALUES (1, 'LAMP', 'Lamp', 1000, 5), (2, 'DESK', 'Desk', 25000, 1);
            INSERT INTO orders (id, customer_id, total_cents, placed_at) VALUES (1, 1, 27000, '2026-11-23 16:30:20.1234+01');
            INSERT INTO order_lines (id, order_id, product_id, quantity, unit_price_cents) VALUES (10, 1, 2, 1, 25000), (11, 1, 1, 2, 1000);
            INSERT INTO orders (id, customer_id, status, total_cents, placed_at) VALUES (2, 1, 'CANCELLED', 0, '2026-11-24 00:00:00Z');
            """;

    private EmbeddedPostgresServer server;

    @Override
    public Map<String, String> start() {
        server = EmbeddedPostgresServer.startTemporary();
        server.createDatabase("shop");
        try (Connection connection = server.connect("shop"); Statement statement = connection.createStatement()) {
            for (Path migration : migrations()) {
                statement.execute(Files.readString(migration));
            }
            statement.execute(ROWS);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot prepare the shop database", e);
        }
        return Map.of("quarkus.datasource.reactive.url", server.reactiveUrl("shop"),
                "quarkus.datasource.username", EmbeddedPostgresServer.SUPERUSER,
                "quarkus.datasource.password", "");
    }

    private static java.util.List<Path> migrations() throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            return files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(java.util.Comparator.comparingInt(ShopDatabase::version))
                    .toList();
        }
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
