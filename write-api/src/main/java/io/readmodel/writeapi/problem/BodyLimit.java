package io.readmodel.writeapi.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Answers a body announced larger than {@code quarkus.http.limits.max-body-size} with a 413 problem document
 * instead of Quarkus' empty 413. It runs just before Quarkus' own limit check (route order -2), which remains
 * in place for bodies without a {@code Content-Length}.
 */
@ApplicationScoped
public class BodyLimit {

    private static final int BEFORE_QUARKUS_UPLOAD_LIMIT = -3;

    void install(@Observes Router router, Config config, ProblemResponses responses) {
        Optional<MemorySize> limit = config.getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class);
        if (limit.isEmpty()) {
            return;
        }
        long maxBytes = limit.get().asLongValue();
        router.route().order(BEFORE_QUARKUS_UPLOAD_LIMIT).handler(context -> reject(context, maxBytes, responses));
    }

    private static void reject(RoutingContext context, long maxBytes, ProblemResponses responses) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long announced;
        try {
            announced = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            announced = -1;
        }
        if (announced <= maxBytes) {
            context.next();
            return;
        }
        ProblemException tooLarge = new ProblemException(413, "body-too-large", "Request body too large",
                "the request body has " + announced + " bytes; at most " + maxBytes + " are accepted", null);
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(responses.json(responses.problem(tooLarge, context.request().path())));
    }
}
