package io.readmodel.bridge.admin;

import io.readmodel.bridge.deadletter.DeadLetter;
import io.readmodel.bridge.deadletter.DeadLetterService;
import io.readmodel.bridge.deadletter.DeadLetterStore;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Admin endpoints for events that could not be projected: list, retry (one or all) after a fix, discard. */
@Path("/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private final DeadLetterStore store;
    private final DeadLetterService service;

    DeadLetterResource(DeadLetterStore store, DeadLetterService service) {
        this.store = store;
        this.service = service;
    }

    /** The oldest dead letters, with the total count. */
    @GET
    public Map<String, Object> list(@QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000");
        }
        List<DeadLetter> letters = store.list(limit);
        return Map.of("count", store.count(), "items", letters);
    }

    /** Retries one. */
    @POST
    @Path("/{id}/retry")
    public Response retry(@PathParam("id") String id) {
        DeadLetterService.Outcome outcome = service.retry(id);
        return switch (outcome) {
            case APPLIED -> Response.ok(Map.of("id", id, "outcome", outcome)).build();
            case NOT_FOUND -> ProblemMappers.problem(404, "No such dead letter", "no dead letter with id " + id);
            case NOT_RETRYABLE -> ProblemMappers.problem(409, "Not retryable", "dead letter " + id + " holds a record that could not be read; discard it");
            case FAILED -> ProblemMappers.problem(422, "Failed again", "dead letter " + id + " failed again; see its error");
        };
    }

    /** Retries every retryable one. */
    @POST
    @Path("/retry")
    public Map<String, Object> retryAll() {
        int applied = service.retryAll();
        return Map.of("applied", applied, "remaining", store.count());
    }

    /** Discards one. */
    @DELETE
    @Path("/{id}")
    public Response discard(@PathParam("id") String id) {
        return store.remove(id) ? Response.noContent().build()
                : ProblemMappers.problem(404, "No such dead letter", "no dead letter with id " + id);
    }

    /** Discards all. */
    @DELETE
    public Map<String, Object> discardAll() {
        return Map.of("discarded", store.removeAll());
    }
}
