package io.readmodel.writeapi.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readmodel.writeapi.WriteApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/** Renders problems as {@code application/problem+json} answers. */
@ApplicationScoped
public class ProblemResponses {

    private final ObjectMapper mapper;
    private final WriteApiConfig config;

    ProblemResponses(ObjectMapper mapper, WriteApiConfig config) {
        this.mapper = mapper;
        this.config = config;
    }

    /** The problem document for a failure that happened while serving {@code instance}. */
    public Problem problem(ProblemException failure, String instance) {
        return new Problem(config.problem().typeBase() + failure.slug(), failure.title(), failure.status(),
                failure.detail(), instance, failure.errors());
    }

    /** The problem document as JSON text. */
    public String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a problem document", e);
        }
    }

    /** A complete answer for a failure. */
    public Response response(ProblemException failure, String instance) {
        Response.ResponseBuilder builder = Response.status(failure.status())
                .type(Problem.MEDIA_TYPE)
                .entity(json(problem(failure, instance)));
        if (failure.status() == 503) {
            builder.header("Retry-After", "5");
        }
        return builder.build();
    }
}
