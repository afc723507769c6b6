package io.readmodel.writeapi.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;

/**
 * Places an order ({@code POST /orders}): reserves the stock of every line and copies each product's current
 * price, all in one transaction. Lines naming the same product are merged.
 *
 * @param customerId the ordering customer
 * @param lines at least one line
 */
public record PlaceOrder(@NotNull @Positive Long customerId, @NotNull @NotEmpty List<@NotNull @Valid Line> lines) {

    /** The most units of one product a line may ask for. */
    public static final int MAX_QUANTITY = 1_000_000;

    /**
     * One product and how many of it.
     *
     * @param productId the product
     * @param quantity 1 to {@value PlaceOrder#MAX_QUANTITY} units
     */
    public record Line(@NotNull @Positive Long productId, @NotNull @Positive @Max(MAX_QUANTITY) Integer quantity) {
    }
}
