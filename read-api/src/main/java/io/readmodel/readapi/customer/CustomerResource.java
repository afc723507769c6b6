package io.readmodel.readapi.customer;

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

/** {@code GET /customers/{id}}: one customer with figures over their orders, with ETag and read-your-writes. */
@Path("/customers")
public class CustomerResource {

    private final CustomerService customers;
    private final ConsistencyService consistency;

    CustomerResource(CustomerService customers, ConsistencyService consistency) {
        this.customers = customers;
        this.consistency = consistency;
    }

    /** The live customer, 304 when the client's version is current, 404 when there is none. */
    @GET
    @Path("/{id}")
    public Uni<Response> customer(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @BeanParam ConsistencyParams token) {
        long customerId = RequestValues.id(id, "customer id");
        return consistency.awaitTokenByKey(CustomerService.PROJECTION, token)
                .chain(applied -> customers.findLive(customerId, applied)
                        .map(found -> found.orElseThrow(() -> ProblemException.notFound("customer-not-found",
                                "Customer not found", "There is no customer " + customerId + ".")))
                        .map(customer -> DocumentResponses.single(customer, ifNoneMatch, applied)));
    }
}
