package io.readmodel.writeapi.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.readmodel.writeapi.problem.ProblemException;
import io.readmodel.writeapi.problem.ProblemResponses;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Authentication and authorization failures as problem documents, like every other client error: 401 (no
 * token, or one that is expired, badly signed or from another issuer) with {@code WWW-Authenticate: Bearer},
 * and 403 (a valid token without the role). The detail never repeats the token or says which check failed.
 * These mappers see the failures because authentication is lazy ({@code quarkus.http.auth.proactive=false}).
 */
public class AuthProblemMappers {

    private final ProblemResponses responses;

    AuthProblemMappers(ProblemResponses responses) {
        this.responses = responses;
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException failure, HttpServerRequest request) {
        return unauthorized(request);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException failure, HttpServerRequest request) {
        return unauthorized(request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException failure, HttpServerRequest request) {
        return responses.response(new ProblemException(403, "forbidden", "Forbidden",
                "the bearer token does not grant the role this request needs (" + Roles.WRITER + ")", null), request.path());
    }

    private Response unauthorized(HttpServerRequest request) {
        Response problem = responses.response(new ProblemException(401, "unauthorized", "Unauthorized",
                "a valid bearer token is required: Authorization: Bearer <JWT>", null), request.path());
        return Response.fromResponse(problem).header("WWW-Authenticate", "Bearer").build();
    }
}
