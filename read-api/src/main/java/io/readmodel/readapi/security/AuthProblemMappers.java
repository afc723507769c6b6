package io.readmodel.readapi.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.readmodel.readapi.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Authentication and authorization failures as problem documents: 401 with {@code WWW-Authenticate: Bearer}
 * (no token, or an expired, badly signed or foreign one) and 403 (a valid token without the {@code reader}
 * role). The detail never repeats the token. The mappers see these failures because authentication is lazy
 * ({@code quarkus.http.auth.proactive=false}) and the HTTP permission is checked by the REST layer
 * ({@code applies-to=JAXRS}).
 */
public class AuthProblemMappers {

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Response.status(403).type(Problem.MEDIA_TYPE).entity(new Problem(Problem.TYPE_BASE + "forbidden", "Forbidden", 403,
                "the bearer token does not grant the role this request needs (" + Roles.READER + ")", path(uri))).build();
    }

    private static Response unauthorized(UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                .entity(new Problem(Problem.TYPE_BASE + "unauthorized", "Unauthorized", 401,
                        "a valid bearer token is required: Authorization: Bearer <JWT>", path(uri))).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
