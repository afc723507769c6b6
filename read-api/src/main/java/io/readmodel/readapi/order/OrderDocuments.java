package io.readmodel.readapi.order;

import io.readmodel.readapi.http.VersionedView;
import io.readmodel.readapi.store.FieldSelection;
import java.util.List;
import org.bson.Document;

/** Reads {@code orders} documents in the contract's format (docs/contracts.md) into client views. */
final class OrderDocuments {

    /** Only what the client sees, the key and the document's position: the bridge's bookkeeping stays home. */
    static final FieldSelection PROJECTION = FieldSelection.include(
            "_id", "id", "status", "totalCents", "placedAt", "customer", "lines", "_meta.position");

    private OrderDocuments() {
    }

    static VersionedView<OrderView> toVersioned(Document document) {
        return new VersionedView<>(toView(document), VersionedView.positionOf(document));
    }

    static OrderView toView(Document document) {
        Document customer = document.get("customer", Document.class);
        List<?> lines = document.get("lines", List.class);
        return new OrderView(asLong(document.get("id")), document.getString("status"),
                asLong(document.get("totalCents")), document.getString("placedAt"),
                customer == null ? null : toCustomer(customer),
                lines == null ? List.of() : lines.stream()
                        .filter(Document.class::isInstance)
                        .map(line -> toLine((Document) line))
                        .toList());
    }

    private static CustomerView toCustomer(Document customer) {
        return new CustomerView(asLong(customer.get("id")), customer.getString("name"),
                customer.getString("email"), customer.getString("city"));
    }

    private static OrderLineView toLine(Document line) {
        Long quantity = asLong(line.get("quantity"));
        return new OrderLineView(asLong(line.get("productId")), line.getString("sku"), line.getString("productName"),
                quantity == null ? null : quantity.intValue(), asLong(line.get("unitPriceCents")));
    }

    /** int32 and int64 alike: the stand-in and other writers may narrow small numbers. */
    private static Long asLong(Object value) {
        return value instanceof Number number ? number.longValue() : null;
    }
}
