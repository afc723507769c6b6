package io.readmodel.bridge.admin;

import io.readmodel.bridge.projection.UnknownProjectionException;
import io.readmodel.bridge.reconcile.HeapTooSmallException;
import io.readmodel.bridge.reconcile.ReconciliationBusyException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Admin errors as RFC 9457 problem documents. */
public class ProblemMappers {

    @ServerExceptionMapper
    Response unknownProjection(UnknownProjectionException e) {
        return problem(404, "Unknown projection", e.getMessage());
    }

    @ServerExceptionMapper
    Response badRequest(IllegalArgumentException e) {
        return problem(400, "Bad request", e.getMessage());
    }

    @ServerExceptionMapper
    Response busy(ReconciliationBusyException e) {
        return problem(409, "Reconciliation running", e.getMessage());
    }

    @ServerExceptionMapper
    Response heapTooSmall(HeapTooSmallException e) {
        return problem(503, "Heap too small", e.getMessage());
    }

    @ServerExceptionMapper
    Response failed(IllegalStateException e) {
        return problem(503, "Source or read model unavailable", e.getMessage());
    }

    static Response problem(int status, String title, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "title", title, "status", status, "detail", detail)).build();
    }
}
