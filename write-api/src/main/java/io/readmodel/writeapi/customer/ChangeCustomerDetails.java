package io.readmodel.writeapi.customer;

import io.readmodel.writeapi.command.Validation;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Changes some of a customer's details ({@code PATCH /customers/{id}}); an absent or {@code null} field is left
 * as it is, and at least one field must be given.
 *
 * @param name the new name, or {@code null}
 * @param email the new e-mail address, or {@code null}
 * @param city the new city (a move), or {@code null}
 */
public record ChangeCustomerDetails(
        @Size(min = 1, max = 200) @Pattern(regexp = Validation.NOT_BLANK, message = "must not be blank") String name,
        @Email @Size(min = 3, max = 320) String email,
        @Size(min = 1, max = 200) @Pattern(regexp = Validation.NOT_BLANK, message = "must not be blank") String city) {

    /** Whether the patch changes nothing. */
    public boolean isEmpty() {
        return name == null && email == null && city == null;
    }
}
