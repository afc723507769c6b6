package io.readmodel.e2e;

import io.readmodel.core.position.ConsistencyToken;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A mixed write load on a pipeline, in two threads, until {@link #close()}:
 * <ul>
 * <li>commands through write-api: orders placed (1 to 3 lines), customers renamed, orders cancelled or shipped; a
 * 503 is retried with the same {@code Idempotency-Key} until it gets through (the command did not commit, or its
 * stored answer is replayed); anything else than 2xx, 409 (a status change that lost a race) and 503 is recorded
 * as unexpected;</li>
 * <li>a "legacy" writer using plain SQL: customers and products renamed, orders inserted with lines, lines of an
 * order deleted, orders' status changed; a failed statement (database down) drops the connection and retries with
 * a new one.</li>
 * </ul>
 * Figures are counted so a test can show that the load really ran, and what it met.
 */
final class MixedLoad implements AutoCloseable {

    private final Pipeline pipeline;
    private final List<Long> customers;
    private final List<Long> products;
    private final Random random;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread commands;
    private final Thread sql;
    private final long pauseMillis;

    final AtomicInteger commandsDone = new AtomicInteger();
    final AtomicInteger commands503 = new AtomicInteger();
    final AtomicInteger commandsUnreachable = new AtomicInteger();
    final AtomicInteger sqlDone = new AtomicInteger();
    final AtomicInteger sqlFailures = new AtomicInteger();
    /** Answers that are neither success, nor 409, nor 503 (a 500 would land here), with their bodies. */
    final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    /** 503 answers' content types and bodies (the first few). */
    final Queue<String> unavailableAnswers = new ConcurrentLinkedQueue<>();
    private volatile String lastToken;

    private MixedLoad(Pipeline pipeline, List<Long> customers, List<Long> products, long seed, long pauseMillis) {
        this.pipeline = pipeline;
        this.customers = customers;
        this.products = products;
        this.random = new Random(seed);
        this.pauseMillis = pauseMillis;
        this.commands = new Thread(this::runCommands, "load-commands");
        this.sql = new Thread(this::runSql, "load-sql");
    }

    /** Creates customers and products through write-api, then starts both writers. */
    static MixedLoad start(Pipeline pipeline, long seed, long pauseMillis) {
        List<Long> customers = new java.util.ArrayList<>();
        List<Long> products = new java.util.ArrayList<>();
        String suffix = Long.toString(Math.abs(seed % 100_000)) + "-" + System.nanoTime() % 1_000_000;
        // enough customers and products that a rename fans out to a few dozen documents, not to hundreds
        for (int i = 0; i < 30; i++) {
            customers.add(created(pipeline, "/customers", Map.of("name", "Customer " + i, "email", "c" + i + "-" + suffix + "@example.com",
                    "city", "City " + i)));
        }
        for (int i = 0; i < 10; i++) {
            products.add(created(pipeline, "/products", Map.of("sku", "SKU-" + i + "-" + suffix, "name", "Product " + i,
                    "priceCents", 100 + i * 50, "stock", 1_000_000_000)));
        }
        MixedLoad load = new MixedLoad(pipeline, List.copyOf(customers), List.copyOf(products), seed, pauseMillis);
        load.commands.start();
        load.sql.start();
        return load;
    }

    private static long created(Pipeline pipeline, String path, Object body) {
        Http.Response response = Http.post(pipeline.writeApi.url(path), body, Map.of());
        if (response.status() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + response.status() + ": " + response.raw().body());
        }
        return response.json().get("id").asLong();
    }

    /** The consistency token of the latest command that got through. */
    String lastToken() {
        return lastToken;
    }

    /** A customer the load writes to. */
    long customer(int index) {
        return customers.get(index);
    }

    private void runCommands() {
        List<Long> placed = new java.util.ArrayList<>();
        while (running.get()) {
            int dice;
            long customer;
            synchronized (random) {
                dice = random.nextInt(10);
                customer = customers.get(random.nextInt(customers.size()));
            }
            if (dice < 7 || placed.isEmpty()) {
                List<Map<String, Object>> lines = new java.util.ArrayList<>();
                int count = 1 + dice % 3;
                for (int i = 0; i < count; i++) {
                    lines.add(Map.of("productId", products.get((dice + i) % products.size()), "quantity", 1 + i));
                }
                Http.Response response = command("/orders", Map.of("customerId", customer, "lines", lines));
                if (response != null && response.status() == 201) {
                    placed.add(response.json().get("id").asLong());
                }
            } else if (dice < 8) { // 10 %
                commandPatch("/customers/" + customer, Map.of("name", "Renamed by command " + UUID.randomUUID().toString().substring(0, 8)));
            } else {
                long order = placed.remove(placed.size() - 1);
                command("/orders/" + order + (dice == 8 ? "/cancel" : "/ship"), null);
            }
            pause();
        }
    }

    /** A POST retried on 503 with the same idempotency key; null when the load stopped first. */
    private Http.Response command(String path, Object body) {
        String key = UUID.randomUUID().toString();
        return untilAnswered("POST " + path, () -> Http.post(pipeline.writeApi.url(path), body, Map.of("Idempotency-Key", key)));
    }

    private void commandPatch(String path, Object body) {
        untilAnswered("PATCH " + path, () -> Http.patch(pipeline.writeApi.url(path), body));
    }

    /**
     * Sends a command again (the same request, so a POST keeps its idempotency key) while write-api is unreachable or
     * answers 503, and accounts for the answer; {@code null} when the load stops first.
     */
    private Http.Response untilAnswered(String request, Supplier<Http.Response> send) {
        while (running.get()) {
            Http.Response response;
            try {
                response = send.get();
            } catch (IllegalStateException unreachable) {
                commandsUnreachable.incrementAndGet();
                unexpected.add(request + ": " + unreachable.getMessage());
                sleep(200);
                continue;
            }
            if (response.status() == 503) {
                record503(response);
                sleep(200);
                continue;
            }
            account(request, response);
            return response;
        }
        return null;
    }

    private void record503(Http.Response response) {
        if (commands503.incrementAndGet() <= 5) {
            unavailableAnswers.add(response.header("Content-Type") + " " + response.raw().body());
        }
    }

    private void account(String what, Http.Response response) {
        int status = response.status();
        if (status >= 200 && status < 300) {
            commandsDone.incrementAndGet();
            String token = response.header(ConsistencyToken.RESPONSE_HEADER);
            if (token != null) {
                lastToken = token;
            }
        } else if (status != 409 && !(status == 404 && (what.endsWith("/cancel") || what.endsWith("/ship")))) {
            // 409: a status change that lost a race; 404: an order the legacy writer deleted meanwhile
            unexpected.add(what + " answered " + status + ": " + response.raw().body());
        }
    }

    private void runSql() {
        Connection connection = null;
        while (running.get()) {
            try {
                if (connection == null) {
                    connection = pipeline.sql();
                }
                sqlStep(connection);
                sqlDone.incrementAndGet();
            } catch (SQLException | RuntimeException e) {
                sqlFailures.incrementAndGet();
                close(connection);
                connection = null;
                sleep(200);
            }
            pause();
        }
        close(connection);
    }

    private void sqlStep(Connection connection) throws SQLException {
        int dice;
        long customer;
        long product;
        synchronized (random) {
            dice = random.nextInt(20);
            customer = customers.get(random.nextInt(customers.size()));
            product = products.get(random.nextInt(products.size()));
        }
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            switch (dice) {
                case 0, 1 -> statement.executeUpdate("UPDATE customers SET name = 'Renamed by SQL " + UUID.randomUUID().toString().substring(0, 8)
                        + "', city = 'City " + dice + "' WHERE id = " + customer);
                case 2 -> statement.executeUpdate("UPDATE products SET name = 'Product renamed " + UUID.randomUUID().toString().substring(0, 8)
                        + "' WHERE id = " + product);
                case 3, 4, 5, 6, 7, 8, 9, 10, 11 -> {
                    connection.setAutoCommit(false);
                    try {
                        ResultSet inserted = statement.executeQuery("INSERT INTO orders (customer_id, total_cents) VALUES ("
                                + customer + ", 300) RETURNING id");
                        inserted.next();
                        long order = inserted.getLong(1);
                        statement.executeUpdate("INSERT INTO order_lines (order_id, product_id, quantity, unit_price_cents) VALUES ("
                                + order + ", " + product + ", 1, 100), (" + order + ", " + products.get(0) + ", 2, 100)");
                        connection.commit();
                    } catch (SQLException e) {
                        connection.rollback();
                        throw e;
                    } finally {
                        connection.setAutoCommit(true);
                    }
                }
                case 12, 13, 14, 15 -> statement.executeUpdate("DELETE FROM order_lines WHERE id = (SELECT max(l.id) FROM order_lines l JOIN orders o"
                        + " ON o.id = l.order_id WHERE o.customer_id = " + customer + ")");
                case 16, 17 -> statement.executeUpdate("UPDATE orders SET status = 'SHIPPED' WHERE id = (SELECT max(id) FROM orders WHERE status = 'PLACED'"
                        + " AND customer_id = " + customer + ")");
                default -> statement.executeUpdate("DELETE FROM orders WHERE id = (SELECT min(id) FROM orders WHERE customer_id = " + customer
                        + " AND status = 'SHIPPED')");
            }
        }
    }

    private void pause() {
        if (pauseMillis > 0) {
            sleep(pauseMillis / 2 + (long) (Math.random() * pauseMillis));
        }
    }

    /** Stops both writers and waits for them. */
    @Override
    public void close() {
        running.set(false);
        try {
            commands.join(60_000);
            sql.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the load did, for the test's output. */
    String summary() {
        return "commands ok " + commandsDone + " (503 answers " + commands503 + ", unreachable " + commandsUnreachable + "), plain-SQL ok "
                + sqlDone + " (failed " + sqlFailures + ")";
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
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
