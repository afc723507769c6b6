package io.readmodel.readapi.problem;

import com.mongodb.MongoException;
import io.smallrye.mutiny.TimeoutException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 problem+json response: our own {@link ProblemException}s as they are,
 * JAX-RS errors (unknown path, wrong method, ...) by their status, an unreachable MongoDB as 503, and anything
 * unexpected as a 500 that is logged (never a stack trace in the body).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** Our own problems, with their headers. */
    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = respond(e.problem().at(path(uri)));
        e.headers().forEach(response::header);
        return response.build();
    }

    /** Errors raised by the REST layer itself (404 for an unknown path, 405, 406, ...). */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        Response.ResponseBuilder response = respond(new Problem("about:blank", status.getReasonPhrase(),
                status.getStatusCode(), e.getMessage(), path(uri)));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }

    /** MongoDB cannot be reached or answered too late: the client may retry. */
    @ServerExceptionMapper({ MongoException.class, TimeoutException.class })
    public Response unavailable(Exception e, UriInfo uri) {
        LOG.warnf("read model unavailable: %s", e.toString());
        return respond(new Problem(Problem.TYPE_BASE + "read-model-unavailable", "Read model unavailable", 503,
                "The read-model database cannot be reached right now; retry shortly.", path(uri)))
                .header("Retry-After", "1")
                .build();
    }

    /** A bug: logged with its stack trace, answered without it. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("unexpected failure serving " + path(uri), e);
        return respond(new Problem("about:blank", "Internal Server Error", 500,
                "An unexpected error occurred; it has been logged.", path(uri))).build();
    }

    private static Response.ResponseBuilder respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
