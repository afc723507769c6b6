package io.readmodel.writeapi.product;

/**
 * A product's stock after an adjustment.
 *
 * @param id the product's id
 * @param stock units on hand now
 */
public record StockLevel(long id, int stock) {
}
