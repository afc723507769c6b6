package io.readmodel.bench.baseline.problem;

/** An error with a precise answer for the client: it becomes a problem+json response with its status. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    /** A problem to answer. */
    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    /** 400: a request parameter that cannot be understood. */
    public static ProblemException badRequest(String kind, String title, String detail) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + kind, title, 400, detail, null));
    }

    /** 404: what the client asked for does not exist. */
    public static ProblemException notFound(String kind, String title, String detail) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + kind, title, 404, detail, null));
    }

    /** The problem to answer. */
    public Problem problem() {
        return problem;
    }
}
