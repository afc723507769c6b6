package io.readmodel.bench.baseline.order;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Reads an order the CRUD way the read model replaces: one JOIN over the normalized tables per request, on the
 * reactive PostgreSQL client (a prepared statement, cached per connection), never blocking the event loop.
 */
@ApplicationScoped
public class OrderJoinService {

    /** The order, its customer, its lines by id and each line's product; one row per line (one when none). */
    static final String QUERY = """
            SELECT o.id, o.status, o.total_cents, o.placed_at,
                   c.id AS customer_id, c.name AS customer_name, c.email AS customer_email, c.city AS customer_city,
                   l.id AS line_id, l.product_id, p.sku, p.name AS product_name, l.quantity, l.unit_price_cents
              FROM orders o
              JOIN customers c ON c.id = o.customer_id
              LEFT JOIN order_lines l ON l.order_id = o.id
              LEFT JOIN products p ON p.id = l.product_id
             WHERE o.id = $1
             ORDER BY l.id""";

    private final Pool pool;

    OrderJoinService(Pool pool) {
        this.pool = pool;
    }

    /** The order with this id, if any. */
    Uni<Optional<OrderView>> find(long id) {
        return pool.preparedQuery(QUERY).execute(Tuple.of(id)).map(OrderRows::toView);
    }
}
