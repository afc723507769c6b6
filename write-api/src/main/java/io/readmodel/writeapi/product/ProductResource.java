package io.readmodel.writeapi.product;

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

/** {@code /products}: add a product, rename or reprice it, adjust its stock. */
@RolesAllowed(Roles.WRITER)
@Path("/products")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {

    private final CommandRunner commands;
    private final ProductService products;

    ProductResource(CommandRunner commands, ProductService products) {
        this.commands = commands;
        this.products = products;
    }

    @POST
    public Uni<Response> add(@Valid @NotNull AddProduct command, @RestHeader("Idempotency-Key") String idempotencyKey) {
        Command asked = new Command("add-product", "POST", "/products", idempotencyKey, command);
        return commands.run(asked, connection -> products.add(connection, command));
    }

    @PATCH
    @Path("/{id}")
    public Uni<Response> change(@RestPath String id, @Valid @NotNull ChangeProduct patch) {
        long productId = PathIds.parse(id, "product");
        Command asked = new Command("change-product", "PATCH", "/products/" + productId, null, patch);
        return commands.run(asked, connection -> products.change(connection, productId, patch));
    }

    @POST
    @Path("/{id}/stock-adjustments")
    public Uni<Response> adjustStock(@RestPath String id, @Valid @NotNull AdjustStock command,
            @RestHeader("Idempotency-Key") String idempotencyKey) {
        long productId = PathIds.parse(id, "product");
        String path = "/products/" + productId + "/stock-adjustments";
        Command asked = new Command("adjust-stock", "POST", path, idempotencyKey, command);
        return commands.run(asked, connection -> products.adjustStock(connection, productId, command));
    }
}
