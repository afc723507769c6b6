package io.readmodel.writeapi.product;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Adds a product to the catalogue ({@code POST /products}).
 *
 * @param sku the unique stock-keeping unit, 1 to 64 characters
 * @param name 1 to 200 characters, not blank
 * @param priceCents the unit price in cents, 0 to {@value #MAX_PRICE_CENTS}
 * @param stock units on hand, 0 to {@value #MAX_STOCK}
 */
public record AddProduct(
        @NotBlank @Size(max = 64) String sku,
        @NotBlank @Size(max = 200) String name,
        @NotNull @PositiveOrZero @Max(MAX_PRICE_CENTS) Long priceCents,
        @NotNull @PositiveOrZero @Max(MAX_STOCK) Integer stock) {

    /** The highest accepted unit price: keeps every order total far from {@code BIGINT} overflow. */
    public static final long MAX_PRICE_CENTS = 1_000_000_000_000L;

    /** The highest accepted stock level. */
    public static final int MAX_STOCK = 1_000_000_000;
}
