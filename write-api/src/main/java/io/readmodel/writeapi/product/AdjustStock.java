package io.readmodel.writeapi.product;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Corrects a product's stock by a delta ({@code POST /products/{id}/stock-adjustments}): a delivery (positive),
 * or a loss found at stocktaking (negative). Stock never goes below zero.
 *
 * @param delta units to add (positive) or remove (negative), not zero
 */
public record AdjustStock(@NotNull @Min(-AddProduct.MAX_STOCK) @Max(AddProduct.MAX_STOCK) Integer delta) {
}
