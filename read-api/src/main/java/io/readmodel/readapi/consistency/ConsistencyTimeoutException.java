package io.readmodel.readapi.consistency;

import io.readmodel.core.position.ConsistencyToken;
import io.readmodel.core.position.Lsn;
import io.readmodel.readapi.problem.Problem;
import io.readmodel.readapi.problem.ProblemException;
import java.time.Duration;
import java.util.Map;

/**
 * The projection did not reach a request's consistency token in time: answered 504 with the applied position
 * and {@code Retry-After}, so that a reader is never silently served a state older than its token.
 */
public final class ConsistencyTimeoutException extends ProblemException {

    /** The problem type of a consistency timeout. */
    public static final String TYPE = Problem.TYPE_BASE + "consistency-timeout";

    private final transient Lsn applied;

    /**
     * @param projection the projection waited for
     * @param token what the request required
     * @param applied what the projection had applied when the wait ended ({@link Lsn#ZERO} if it has no
     *     checkpoint)
     * @param waited how long the request waited
     */
    public ConsistencyTimeoutException(String projection, ConsistencyToken token, Lsn applied, Duration waited) {
        super(new Problem(TYPE, "Consistency timeout", 504,
                "The '" + projection + "' projection has applied up to " + applied + " but this request requires "
                        + token + " (" + ConsistencyToken.REQUEST_HEADER + "); it was not reached within "
                        + waited.toMillis() + " ms. Retry later, or read without the token to accept older data.",
                null),
                Map.of(ConsistencyService.APPLIED_POSITION_HEADER, applied.toString(), "Retry-After", "1"));
        this.applied = applied;
    }

    /** What the projection had applied when the wait ended. */
    public Lsn applied() {
        return applied;
    }
}
