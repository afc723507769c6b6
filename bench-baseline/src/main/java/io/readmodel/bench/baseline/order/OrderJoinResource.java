package io.readmodel.bench.baseline.order;

import io.readmodel.bench.baseline.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /orders/{id}}: read-api's order answer, built by a JOIN on PostgreSQL for every request. */
@Path("/orders")
public class OrderJoinResource {

    private final OrderJoinService orders;

    OrderJoinResource(OrderJoinService orders) {
        this.orders = orders;
    }

    /** The order, or a 404 problem when there is none (400 when the id is not an int64). */
    @GET
    @Path("/{id}")
    public Uni<Response> order(@PathParam("id") String id) {
        long orderId = parse(id);
        return orders.find(orderId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("order-not-found", "Order not found",
                        "There is no order " + orderId + ".")))
                .map(order -> Response.ok(order, MediaType.APPLICATION_JSON_TYPE)
                        .header(HttpHeaders.CACHE_CONTROL, "no-cache").build());
    }

    private static long parse(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid-id", "Invalid order id",
                    "The order id must be a decimal integer, got '" + id + "'.");
        }
    }
}
