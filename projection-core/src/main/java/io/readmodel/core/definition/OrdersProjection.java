package io.readmodel.core.definition;

import java.util.List;

/**
 * The reference {@code orders} read model over write-api's schema: an order with its customer copied in and its
 * lines embedded, each line with its product's sku and current name.
 */
public final class OrdersProjection {

    /** The projection's name, collection and checkpoint id. */
    public static final String NAME = "orders";

    private OrdersProjection() {
    }

    /** The definition. */
    public static ProjectionDefinition definition() {
        LookupDefinition customer = new LookupDefinition("customer", "customers", "id", "customer_id",
                List.of(FieldMapping.of("id", "id"), FieldMapping.of("name", "name"),
                        FieldMapping.of("email", "email"), FieldMapping.of("city", "city")),
                List.of());
        LookupDefinition product = new LookupDefinition(null, "products", "id", "product_id",
                List.of(FieldMapping.of("sku", "sku"), FieldMapping.of("name", "productName")),
                List.of());
        ChildDefinition lines = ChildDefinition.embedded("lines", "order_lines", "id", "order_id", "id",
                List.of(FieldMapping.of("product_id", "productId"), FieldMapping.of("quantity", "quantity"),
                        FieldMapping.of("unit_price_cents", "unitPriceCents")),
                List.of(product));
        return new ProjectionDefinition(NAME, "orders", "id",
                List.of(FieldMapping.of("id", "id"), FieldMapping.of("status", "status"),
                        FieldMapping.of("total_cents", "totalCents"), FieldMapping.of("placed_at", "placedAt")),
                List.of(customer), List.of(lines), List.of(), RowFilter.ALL);
    }
}
