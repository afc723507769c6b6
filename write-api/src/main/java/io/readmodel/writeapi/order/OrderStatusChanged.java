package io.readmodel.writeapi.order;

/**
 * The answer to cancelling or shipping an order.
 *
 * @param id the order's id
 * @param status its status now
 */
public record OrderStatusChanged(long id, OrderStatus status) {
}
