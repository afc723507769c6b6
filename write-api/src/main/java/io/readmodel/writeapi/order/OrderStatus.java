package io.readmodel.writeapi.order;

/** The states of an order (the {@code orders.status} check constraint). Only a placed order moves on. */
public enum OrderStatus {
    /** Stock reserved, awaiting shipment. */
    PLACED,
    /** Cancelled before shipment; its stock was returned. */
    CANCELLED,
    /** Shipped; final. */
    SHIPPED
}
