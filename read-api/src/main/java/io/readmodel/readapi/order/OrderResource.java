package io.readmodel.readapi.order;

import io.readmodel.readapi.consistency.ConsistencyParams;
import io.readmodel.readapi.consistency.ConsistencyService;
import io.readmodel.readapi.http.DocumentResponses;
import io.readmodel.readapi.http.RequestValues;
import io.readmodel.readapi.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** {@code GET /orders/{id}}: one order by id, with ETag and read-your-writes. */
@Path("/orders")
public class OrderResource {

    private final OrderService orders;
    private final ConsistencyService consistency;

    OrderResource(OrderService orders, ConsistencyService consistency) {
        this.orders = orders;
        this.consistency = consistency;
    }

    /** The live order, 304 when the client's version is current, 404 when there is none. */
    @GET
    @Path("/{id}")
    public Uni<Response> order(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @BeanParam ConsistencyParams token) {
        long orderId = RequestValues.id(id, "order id");
        return consistency.awaitTokenByKey(OrderService.PROJECTION, token)
                .chain(applied -> orders.findLive(orderId, applied)
                        .map(found -> found.orElseThrow(() -> ProblemException.notFound("order-not-found",
                                "Order not found", "There is no order " + orderId + ".")))
                        .map(order -> DocumentResponses.single(order, ifNoneMatch, applied)));
    }
}
