package io.readmodel.bench.baseline.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure as an RFC 9457 problem+json response; anything unexpected is a logged 500 without a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** Our own problems. */
    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem().at(path(uri)));
    }

    /** Errors of the REST layer itself (unknown path, wrong method, ...). */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), e.getMessage(),
                path(uri)));
    }

    /** A bug or an unreachable database: logged, answered without details. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("unexpected failure serving " + path(uri), e);
        return respond(new Problem("about:blank", "Internal Server Error", 500,
                "An unexpected error occurred; it has been logged.", path(uri)));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
