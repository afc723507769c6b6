package io.readmodel.readapi.order;

/**
 * The customer copied into an order document.
 *
 * @param id the customer's id
 * @param name the customer's name
 * @param email the customer's e-mail address
 * @param city the city of the customer's address
 */
public record CustomerView(Long id, String name, String email, String city) {
}
