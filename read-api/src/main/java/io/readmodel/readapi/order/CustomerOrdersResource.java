package io.readmodel.readapi.order;

import io.readmodel.readapi.ReadApiConfig;
import io.readmodel.readapi.consistency.ConsistencyParams;
import io.readmodel.readapi.consistency.ConsistencyService;
import io.readmodel.readapi.http.DocumentResponses;
import io.readmodel.readapi.http.RequestValues;
import io.readmodel.readapi.query.KeysetCursor;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** {@code GET /customers/{id}/orders}: a customer's orders, newest first, with cursor pagination. */
@Path("/customers/{id}/orders")
public class CustomerOrdersResource {

    private final OrderService orders;
    private final ConsistencyService consistency;
    private final ReadApiConfig.Pagination pagination;

    CustomerOrdersResource(OrderService orders, ConsistencyService consistency, ReadApiConfig config) {
        this.orders = orders;
        this.consistency = consistency;
        this.pagination = config.pagination();
    }

    /** One page; {@code nextCursor} fetches the following one and is null on the last page. */
    @GET
    public Uni<Response> orders(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @BeanParam ConsistencyParams token) {
        long customerId = RequestValues.id(id, "customer id");
        int pageSize = RequestValues.limit(limit, pagination.defaultLimit(), pagination.maxLimit());
        Optional<KeysetCursor> after = Optional.ofNullable(cursor)
                .map(text -> KeysetCursor.decode(text, OrderService.NEWEST_FIRST));
        return consistency.awaitToken(OrderService.PROJECTION, token)
                .chain(applied -> orders.findByCustomer(customerId, pageSize, after)
                        .map(page -> DocumentResponses.page(page, applied)));
    }
}
