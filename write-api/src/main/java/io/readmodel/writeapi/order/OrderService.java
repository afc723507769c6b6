package io.readmodel.writeapi.order;

import io.readmodel.writeapi.WriteApiConfig;
import io.readmodel.writeapi.command.CommandAnswer;
import io.readmodel.writeapi.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Order commands, each run inside the transaction it is given. Product rows are always locked in ascending id
 * order (placing and cancelling alike), so two commands touching the same products cannot deadlock; the stock
 * check happens on the locked rows, so stock never goes negative however many orders race for the last unit.
 */
@ApplicationScoped
public class OrderService {

    private static final String CUSTOMER_EXISTS = "SELECT 1 FROM customers WHERE id = $1";
    private static final String LOCK_PRODUCTS = "SELECT id, name, price_cents, stock FROM products "
            + "WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE";
    private static final String RESERVE = "UPDATE products p SET stock = p.stock - l.quantity "
            + "FROM unnest($1::bigint[], $2::int[]) AS l(id, quantity) WHERE p.id = l.id AND p.stock >= l.quantity";
    private static final String INSERT_ORDER = "INSERT INTO orders (customer_id, total_cents) VALUES ($1, $2) RETURNING id";
    private static final String INSERT_LINES = "INSERT INTO order_lines (order_id, product_id, quantity, unit_price_cents) "
            + "SELECT $1, l.product_id, l.quantity, l.unit_price FROM unnest($2::bigint[], $3::int[], $4::bigint[]) "
            + "WITH ORDINALITY AS l(product_id, quantity, unit_price, n) ORDER BY l.n";
    private static final String LOCK_ORDER = "SELECT status FROM orders WHERE id = $1 FOR UPDATE";
    private static final String LOCK_ORDER_PRODUCTS = "SELECT id FROM products "
            + "WHERE id IN (SELECT product_id FROM order_lines WHERE order_id = $1) ORDER BY id FOR UPDATE";
    private static final String RETURN_STOCK = "UPDATE products p SET stock = p.stock + l.quantity "
            + "FROM (SELECT product_id, sum(quantity)::int AS quantity FROM order_lines WHERE order_id = $1 "
            + "GROUP BY product_id) AS l WHERE p.id = l.product_id";
    private static final String SET_STATUS = "UPDATE orders SET status = $2 WHERE id = $1";

    private final WriteApiConfig config;

    OrderService(WriteApiConfig config) {
        this.config = config;
    }

    /**
     * Places the order: 422 for an unknown customer or product, 409 when a product's stock is short.
     */
    public Uni<CommandAnswer> place(SqlConnection connection, PlaceOrder command) {
        Map<Long, Integer> quantities = mergeLines(command.lines());
        return requireCustomer(connection, command.customerId())
                .chain(() -> lockProducts(connection, quantities))
                .map(products -> price(quantities, products))
                .call(lines -> reserveStock(connection, lines))
                .chain(lines -> insertOrder(connection, command.customerId(), lines)
                        .call(orderId -> insertLines(connection, orderId, lines))
                        .map(orderId -> CommandAnswer.created("/orders/" + orderId, new OrderPlaced(orderId, total(lines)))));
    }

    /** Cancels a placed order and returns its stock; 404 unknown order, 409 when it is not placed. */
    public Uni<CommandAnswer> cancel(SqlConnection connection, long orderId) {
        return lockPlacedOrder(connection, orderId, "cancelled")
                .chain(() -> connection.preparedQuery(LOCK_ORDER_PRODUCTS).execute(Tuple.of(orderId)))
                .chain(() -> connection.preparedQuery(RETURN_STOCK).execute(Tuple.of(orderId)))
                .chain(() -> setStatus(connection, orderId, OrderStatus.CANCELLED));
    }

    /** Ships a placed order; 404 unknown order, 409 when it is not placed. */
    public Uni<CommandAnswer> ship(SqlConnection connection, long orderId) {
        return lockPlacedOrder(connection, orderId, "shipped")
                .chain(() -> setStatus(connection, orderId, OrderStatus.SHIPPED));
    }

    private Map<Long, Integer> mergeLines(List<PlaceOrder.Line> lines) {
        int max = config.order().maxLines();
        if (lines.size() > max) {
            throw ProblemException.unprocessable("too-many-lines", "Too many lines",
                    "an order may have at most " + max + " lines; this one has " + lines.size());
        }
        Map<Long, Integer> quantities = new LinkedHashMap<>();
        try {
            for (PlaceOrder.Line line : lines) {
                quantities.merge(line.productId(), line.quantity(), Math::addExact);
            }
        } catch (ArithmeticException overflow) {
            throw ProblemException.unprocessable("quantity-too-large", "Quantity too large",
                    "the merged quantity of one product does not fit in a 32-bit integer");
        }
        return quantities;
    }

    private Uni<Void> requireCustomer(SqlConnection connection, long customerId) {
        return connection.preparedQuery(CUSTOMER_EXISTS).execute(Tuple.of(customerId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.unprocessable("unknown-customer", "Unknown customer",
                                "there is no customer " + customerId);
                    }
                    return null;
                });
    }

    private Uni<Map<Long, Row>> lockProducts(SqlConnection connection, Map<Long, Integer> quantities) {
        Long[] ids = quantities.keySet().toArray(Long[]::new);
        return connection.preparedQuery(LOCK_PRODUCTS).execute(Tuple.tuple().addArrayOfLong(ids))
                .map(OrderService::byId);
    }

    private static Map<Long, Row> byId(RowSet<Row> rows) {
        Map<Long, Row> products = new HashMap<>();
        rows.forEach(row -> products.put(row.getLong("id"), row));
        return products;
    }

    private static List<PricedLine> price(Map<Long, Integer> quantities, Map<Long, Row> products) {
        List<Long> unknown = quantities.keySet().stream().filter(id -> !products.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.unprocessable("unknown-product", "Unknown product", unknown.size() == 1
                    ? "there is no product " + unknown.get(0)
                    : "there are no products " + unknown.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        List<PricedLine> lines = new ArrayList<>();
        quantities.forEach((id, quantity) -> {
            Row product = products.get(id);
            int stock = product.getInteger("stock");
            if (stock < quantity) {
                throw ProblemException.conflict("insufficient-stock", "Insufficient stock",
                        "product " + id + " ('" + abbreviate(product.getString("name")) + "') has " + stock
                                + " in stock; " + quantity + " requested");
            }
            lines.add(new PricedLine(id, quantity, product.getLong("price_cents")));
        });
        return lines;
    }

    private static Uni<Void> reserveStock(SqlConnection connection, List<PricedLine> lines) {
        Tuple reservation = Tuple.tuple()
                .addArrayOfLong(lines.stream().map(PricedLine::productId).toArray(Long[]::new))
                .addArrayOfInteger(lines.stream().map(PricedLine::quantity).toArray(Integer[]::new));
        return connection.preparedQuery(RESERVE).execute(reservation)
                .map(rows -> {
                    if (rows.rowCount() != lines.size()) {
                        // cannot happen on rows we hold locked; refuse rather than write a short reservation
                        throw ProblemException.conflict("insufficient-stock", "Insufficient stock",
                                "stock changed while the order was placed; retry");
                    }
                    return null;
                });
    }

    private static Uni<Long> insertOrder(SqlConnection connection, long customerId, List<PricedLine> lines) {
        return connection.preparedQuery(INSERT_ORDER).execute(Tuple.of(customerId, total(lines)))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    private static Uni<Void> insertLines(SqlConnection connection, long orderId, List<PricedLine> lines) {
        Tuple values = Tuple.tuple()
                .addLong(orderId)
                .addArrayOfLong(lines.stream().map(PricedLine::productId).toArray(Long[]::new))
                .addArrayOfInteger(lines.stream().map(PricedLine::quantity).toArray(Integer[]::new))
                .addArrayOfLong(lines.stream().map(PricedLine::unitPriceCents).toArray(Long[]::new));
        return connection.preparedQuery(INSERT_LINES).execute(values).replaceWithVoid();
    }

    private static long total(List<PricedLine> lines) {
        try {
            return lines.stream().mapToLong(PricedLine::amountCents).reduce(0, Math::addExact);
        } catch (ArithmeticException overflow) {
            throw ProblemException.unprocessable("total-too-large", "Order total too large",
                    "the order's total does not fit in a 64-bit number of cents");
        }
    }

    private static Uni<Void> lockPlacedOrder(SqlConnection connection, long orderId, String becoming) {
        return connection.preparedQuery(LOCK_ORDER).execute(Tuple.of(orderId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("there is no order " + orderId);
                    }
                    OrderStatus status = OrderStatus.valueOf(rows.iterator().next().getString("status"));
                    if (status != OrderStatus.PLACED) {
                        throw ProblemException.conflict("illegal-transition", "Illegal status transition",
                                "order " + orderId + " is " + status + "; only a PLACED order can be " + becoming);
                    }
                    return null;
                });
    }

    private static Uni<CommandAnswer> setStatus(SqlConnection connection, long orderId, OrderStatus status) {
        return connection.preparedQuery(SET_STATUS).execute(Tuple.of(orderId, status.name()))
                .map(rows -> CommandAnswer.ok(new OrderStatusChanged(orderId, status)));
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
