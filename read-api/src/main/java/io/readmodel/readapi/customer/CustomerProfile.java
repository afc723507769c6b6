package io.readmodel.readapi.customer;

/**
 * A customer as clients see it: the {@code customers} read-model document without {@code _id} and {@code _meta}.
 *
 * @param id the customer's id
 * @param name the customer's name
 * @param email the customer's e-mail address
 * @param city the city of the customer's address
 * @param orderCount how many orders the customer has placed (cancelled ones included)
 * @param lifetimeValueCents the total of the customer's orders that are not cancelled, in cents
 * @param lastOrderAt when the customer's latest order was placed (ISO-8601 UTC text), null without orders
 */
public record CustomerProfile(Long id, String name, String email, String city, Long orderCount,
        Long lifetimeValueCents, String lastOrderAt) {
}
