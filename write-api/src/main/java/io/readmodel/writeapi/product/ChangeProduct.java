package io.readmodel.writeapi.product;

import io.readmodel.writeapi.command.Validation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Renames and/or reprices a product ({@code PATCH /products/{id}}); absent fields stay as they are, and at least
 * one must be given. Orders already placed keep the price they were placed at.
 *
 * @param name the new name, or {@code null}
 * @param priceCents the new unit price in cents, or {@code null}
 */
public record ChangeProduct(
        @Size(min = 1, max = 200) @Pattern(regexp = Validation.NOT_BLANK, message = "must not be blank") String name,
        @PositiveOrZero @Max(AddProduct.MAX_PRICE_CENTS) Long priceCents) {

    /** Whether the patch changes nothing. */
    public boolean isEmpty() {
        return name == null && priceCents == null;
    }
}
