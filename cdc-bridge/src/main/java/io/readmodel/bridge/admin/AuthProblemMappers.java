package io.readmodel.bridge.admin;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Admin authentication and authorization failures as problem documents: 401 with {@code WWW-Authenticate:
 * Bearer} (no token, or an expired, badly signed or foreign one) and 403 (a valid token without the
 * {@code admin} role). The detail never repeats the token.
 */
public class AuthProblemMappers {

    /** The role every {@code /admin} endpoint needs ({@code quarkus.http.auth.policy.admin.roles-allowed}). */
    public static final String ADMIN = "admin";

    @ServerExceptionMapper
    Response unauthenticated(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return ProblemMappers.problem(403, "Forbidden", "the bearer token does not grant the role this request needs (" + ADMIN + ")");
    }

    private static Response unauthorized() {
        return Response.fromResponse(ProblemMappers.problem(401, "Unauthorized",
                "a valid bearer token is required: Authorization: Bearer <JWT>")).header("WWW-Authenticate", "Bearer").build();
    }
}
