package io.readmodel.bench.baseline.order;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Folds the rows of {@link OrderJoinService#QUERY} (one per line, or one with null line columns) into an answer. */
final class OrderRows {

    /** The read model's format for {@code timestamptz}: microseconds, UTC (docs/contracts.md). */
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private OrderRows() {
    }

    static Optional<OrderView> toView(Iterable<Row> rows) {
        OrderView order = null;
        List<OrderLineView> lines = new ArrayList<>();
        for (Row row : rows) {
            if (order == null) {
                order = new OrderView(row.getLong("id"), row.getString("status"), row.getLong("total_cents"),
                        placedAt(row.getOffsetDateTime("placed_at")),
                        new CustomerView(row.getLong("customer_id"), row.getString("customer_name"),
                                row.getString("customer_email"), row.getString("customer_city")),
                        lines);
            }
            if (row.getLong("line_id") != null) {
                lines.add(new OrderLineView(row.getLong("product_id"), row.getString("sku"),
                        row.getString("product_name"), row.getInteger("quantity"), row.getLong("unit_price_cents")));
            }
        }
        return Optional.ofNullable(order);
    }

    private static String placedAt(OffsetDateTime placedAt) {
        return placedAt == null ? null : INSTANT.format(placedAt);
    }
}
