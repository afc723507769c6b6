package io.readmodel.writeapi.customer;

import io.readmodel.writeapi.command.Command;
import io.readmodel.writeapi.command.CommandRunner;
import io.readmodel.writeapi.command.PathIds;
import io.readmodel.writeapi.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/** {@code /customers}: register a customer, change a customer's details. */
@RolesAllowed(Roles.WRITER)
@Path("/customers")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    private final CommandRunner commands;
    private final CustomerService customers;

    CustomerResource(CommandRunner commands, CustomerService customers) {
        this.commands = commands;
        this.customers = customers;
    }

    @POST
    public Uni<Response> register(@Valid @NotNull RegisterCustomer command,
            @RestHeader("Idempotency-Key") String idempotencyKey) {
        Command asked = new Command("register-customer", "POST", "/customers", idempotencyKey, command);
        return commands.run(asked, connection -> customers.register(connection, command));
    }

    @PATCH
    @Path("/{id}")
    public Uni<Response> change(@RestPath String id, @Valid @NotNull ChangeCustomerDetails patch) {
        long customerId = PathIds.parse(id, "customer");
        Command asked = new Command("change-customer", "PATCH", "/customers/" + customerId, null, patch);
        return commands.run(asked, connection -> customers.change(connection, customerId, patch));
    }
}
