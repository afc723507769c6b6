package io.readmodel.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The benchmarks' "legacy" write: one transaction per order (3,000 cents) with 3 lines of random products, plain
 * JDBC on a connection it puts in manual-commit mode.
 */
final class OrderInserts {

    /** Rows one {@link #insert} commits: the order and its 3 lines. */
    static final int ROWS_PER_ORDER = 4;

    private final Connection connection;
    private final PreparedStatement order;
    private final PreparedStatement line;

    OrderInserts(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        this.order = connection.prepareStatement("INSERT INTO orders (customer_id, total_cents) VALUES (?, 3000) RETURNING id");
        this.line = connection.prepareStatement(
                "INSERT INTO order_lines (order_id, product_id, quantity, unit_price_cents) VALUES (?, ?, 1, 1000)");
    }

    /** Commits an order of customer {@code customerId} with 3 lines of products 1..products; returns its id. */
    long insert(long customerId, int products) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        order.setLong(1, customerId);
        long id;
        try (ResultSet inserted = order.executeQuery()) {
            inserted.next();
            id = inserted.getLong(1);
        }
        for (int l = 0; l < ROWS_PER_ORDER - 1; l++) {
            line.setLong(1, id);
            line.setLong(2, 1 + random.nextInt(products));
            line.addBatch();
        }
        line.executeBatch();
        connection.commit();
        return id;
    }
}
