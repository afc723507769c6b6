package io.readmodel.readapi.order;

import java.util.List;

/**
 * One page of a customer's orders, newest first.
 *
 * @param items the orders of this page
 * @param nextCursor the opaque cursor of the next page, or null on the last page
 */
public record OrderPage(List<OrderView> items, String nextCursor) {
}
