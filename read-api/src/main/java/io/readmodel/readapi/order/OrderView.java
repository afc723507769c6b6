package io.readmodel.readapi.order;

import java.util.List;

/**
 * An order as clients see it: the {@code orders} read-model document without {@code _id} and {@code _meta}.
 *
 * @param id the order's id
 * @param status the order's status ({@code PLACED}, ...)
 * @param totalCents the order's total in cents
 * @param placedAt when it was placed: ISO-8601 UTC text with six fraction digits
 * @param customer the customer, as looked up when the document was last built
 * @param lines the order lines, by line id
 */
public record OrderView(Long id, String status, Long totalCents, String placedAt, CustomerView customer,
        List<OrderLineView> lines) {
}
