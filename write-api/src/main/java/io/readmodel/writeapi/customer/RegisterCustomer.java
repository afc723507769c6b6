package io.readmodel.writeapi.customer;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Registers a customer ({@code POST /customers}). Text is stored verbatim.
 *
 * @param name 1 to 200 characters, not blank
 * @param email an e-mail address, 3 to 320 characters
 * @param city 1 to 200 characters, not blank
 */
public record RegisterCustomer(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Email @Size(min = 3, max = 320) String email,
        @NotBlank @Size(max = 200) String city) {
}
