package io.readmodel.bench.baseline.order;

/**
 * One line of an order answer, with its product's SKU and name.
 *
 * @param productId the product's id
 * @param sku the product's SKU
 * @param productName the product's name
 * @param quantity how many were ordered
 * @param unitPriceCents the unit price in cents
 */
public record OrderLineView(Long productId, String sku, String productName, Integer quantity, Long unitPriceCents) {
}
