package io.readmodel.bench.baseline.order;

import java.util.List;

/**
 * An order as read-api's {@code GET /orders/{id}} answers it (same fields, same order), built here from a JOIN.
 *
 * @param id the order's id
 * @param status the order's status ({@code PLACED}, ...)
 * @param totalCents the order's total in cents
 * @param placedAt when it was placed: ISO-8601 UTC text with six fraction digits
 * @param customer the order's customer
 * @param lines the order lines, by line id
 */
public record OrderView(Long id, String status, Long totalCents, String placedAt, CustomerView customer,
        List<OrderLineView> lines) {
}
