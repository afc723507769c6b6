package io.readmodel.readapi.problem;

import java.util.Map;

/**
 * An error that has a precise answer for the client: it becomes a problem+json response with its status and,
 * where the problem calls for them, extra headers ({@code Retry-After}, ...).
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    /** A problem answered with no extra headers. */
    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    /** A problem answered with extra response headers. */
    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    /** 400: a request parameter or header that cannot be understood. */
    public static ProblemException badRequest(String kind, String title, String detail) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + kind, title, 400, detail, null));
    }

    /** 404: what the client asked for does not exist (for clients). */
    public static ProblemException notFound(String kind, String title, String detail) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + kind, title, 404, detail, null));
    }

    /** The problem to answer. */
    public Problem problem() {
        return problem;
    }

    /** Headers to add to the response. */
    public Map<String, String> headers() {
        return headers;
    }
}
