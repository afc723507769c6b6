package io.readmodel.readapi.customer;

import io.readmodel.readapi.http.VersionedView;
import io.readmodel.readapi.store.FieldSelection;
import io.readmodel.readapi.view.ClientViews;
import java.math.BigDecimal;
import org.bson.Document;

/** Reads {@code customers} documents (cdc-bridge's shop.yaml) into client views. */
final class CustomerDocuments {

    /** Only what the client sees, the key and the document's position. */
    static final FieldSelection PROJECTION = FieldSelection.include("_id", "id", "name", "email", "city", "orderCount",
            "lifetimeValueCents", "lastOrderAt", "_meta.position");

    private CustomerDocuments() {
    }

    static VersionedView<CustomerProfile> toVersioned(Document document) {
        return new VersionedView<>(new CustomerProfile(asLong(document.get("id")), asText(document.get("name")),
                asText(document.get("email")), asText(document.get("city")), asLong(document.get("orderCount")),
                asLong(document.get("lifetimeValueCents")), asText(document.get("lastOrderAt"))),
                VersionedView.positionOf(document));
    }

    /** int32, int64 and exact sums (Decimal128) alike: a sum over a bigint column is integral. */
    private static Long asLong(Object value) {
        return ClientViews.plain(value) instanceof Number number
                ? (number instanceof BigDecimal exact ? Long.valueOf(exact.longValue()) : Long.valueOf(number.longValue()))
                : null;
    }

    /** Text, or a date as ISO-8601 text. */
    private static String asText(Object value) {
        Object plain = ClientViews.plain(value);
        return plain == null ? null : plain.toString();
    }
}
