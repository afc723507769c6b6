package io.readmodel.writeapi.order;

import io.readmodel.writeapi.command.Command;
import io.readmodel.writeapi.command.CommandRunner;
import io.readmodel.writeapi.command.PathIds;
import io.readmodel.writeapi.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/** {@code /orders}: place an order, cancel it, ship it. */
@RolesAllowed(Roles.WRITER)
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private final CommandRunner commands;
    private final OrderService orders;

    OrderResource(CommandRunner commands, OrderService orders) {
        this.commands = commands;
        this.orders = orders;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> place(@Valid @NotNull PlaceOrder command, @RestHeader("Idempotency-Key") String idempotencyKey) {
        Command asked = new Command("place-order", "POST", "/orders", idempotencyKey, command);
        return commands.run(asked, connection -> orders.place(connection, command));
    }

    @POST
    @Path("/{id}/cancel")
    public Uni<Response> cancel(@RestPath String id, @RestHeader("Idempotency-Key") String idempotencyKey) {
        long orderId = PathIds.parse(id, "order");
        Command asked = new Command("cancel-order", "POST", "/orders/" + orderId + "/cancel", idempotencyKey, "");
        return commands.run(asked, connection -> orders.cancel(connection, orderId));
    }

    @POST
    @Path("/{id}/ship")
    public Uni<Response> ship(@RestPath String id, @RestHeader("Idempotency-Key") String idempotencyKey) {
        long orderId = PathIds.parse(id, "order");
        Command asked = new Command("ship-order", "POST", "/orders/" + orderId + "/ship", idempotencyKey, "");
        return commands.run(asked, connection -> orders.ship(connection, orderId));
    }
}
