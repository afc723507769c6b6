package io.readmodel.bench.baseline.order;

/**
 * The customer inside an order answer.
 *
 * @param id the customer's id
 * @param name the customer's name
 * @param email the customer's e-mail address
 * @param city the city of the customer's address
 */
public record CustomerView(Long id, String name, String email, String city) {
}
