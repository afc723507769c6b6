package io.readmodel.writeapi.order;

/**
 * An order line ready to insert: the product's price at the moment its row was locked.
 *
 * @param productId the product
 * @param quantity units (lines of the same product already merged)
 * @param unitPriceCents the product's price when the order was placed
 */
record PricedLine(long productId, int quantity, long unitPriceCents) {

    long amountCents() {
        return Math.multiplyExact(quantity, unitPriceCents);
    }
}
