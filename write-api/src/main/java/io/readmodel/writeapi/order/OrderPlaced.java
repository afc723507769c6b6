package io.readmodel.writeapi.order;

/**
 * The answer to {@link PlaceOrder}.
 *
 * @param id the new order's id
 * @param totalCents the sum of quantity times unit price over its lines
 */
public record OrderPlaced(long id, long totalCents) {
}
