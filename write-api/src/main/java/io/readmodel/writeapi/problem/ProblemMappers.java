package io.readmodel.writeapi.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The few exception mappers that make every failure a problem document: our own {@link ProblemException},
 * unreadable JSON, bean validation, JAX-RS' own errors (404 route, 405, 415), PostgreSQL errors, and, as the
 * last resort, a 500 that is logged.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ProblemResponses responses;

    ProblemMappers(ProblemResponses responses) {
        this.responses = responses;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException failure, HttpServerRequest request) {
        return responses.response(failure, request.path());
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException failure, HttpServerRequest request) {
        return responses.response(JsonErrors.problem(failure), request.path());
    }

    /** Replaces Quarkus' own mapper for this subtype (wrong types, unknown fields), which is not a problem document. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException failure, HttpServerRequest request) {
        return unreadableJson(failure, request);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException failure, HttpServerRequest request) {
        List<Problem.FieldError> errors = failure.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(field(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        String detail = "the request is invalid: " + errors.stream()
                .map(error -> error.field() + " " + error.message())
                .collect(Collectors.joining("; "));
        return responses.response(new ProblemException(422, "invalid-request", "Invalid request", detail, errors), request.path());
    }

    @ServerExceptionMapper
    public Response jaxrs(WebApplicationException failure, HttpServerRequest request) {
        if (failure.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, request);
        }
        int status = failure.getResponse() == null ? 500 : failure.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(failure, request);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Client error" : known.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "nothing here: " + request.method() + " " + request.path();
            case 405 -> request.method() + " is not allowed on " + request.path();
            case 406 -> "this resource answers application/json only";
            case 413 -> "the request body is too large";
            case 415 -> "the request body must be application/json";
            default -> failure.getMessage();
        };
        String slug = title.toLowerCase().replace(' ', '-');
        return responses.response(new ProblemException(status, slug, title, detail, null), request.path());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable failure, HttpServerRequest request) {
        return Failures.classify(failure)
                .map(problem -> {
                    if (problem.status() >= 500) {
                        LOG.warnf("%s %s: %s (%s)", request.method(), request.path(), problem.detail(), failure.toString());
                    }
                    return responses.response(problem, request.path());
                })
                .orElseGet(() -> {
                    LOG.errorf(failure, "%s %s failed unexpectedly", request.method(), request.path());
                    return responses.response(new ProblemException(500, "internal-error", "Internal server error",
                            "the command failed unexpectedly; it was rolled back", null), request.path());
                });
    }

    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int method = path.indexOf('.');
        int parameter = method < 0 ? -1 : path.indexOf('.', method + 1);
        if (parameter < 0) {
            return "body";
        }
        return path.substring(parameter + 1);
    }
}
