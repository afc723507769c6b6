package io.readmodel.writeapi.problem;

import java.util.List;

/**
 * A failure that already knows which problem document describes it. Services throw it inside a command's
 * transaction, which rolls the transaction back; {@link ProblemMappers} turns it into the answer.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;

    /**
     * @param status the HTTP status
     * @param slug the last segment of the problem type URI ({@code insufficient-stock})
     * @param title the fixed summary of this kind of problem
     * @param detail what went wrong with this request
     * @param errors per-field errors, or {@code null}
     */
    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors;
    }

    /** 400: the request cannot be read. */
    public static ProblemException badRequest(String slug, String detail) {
        return new ProblemException(400, slug, "Bad request", detail, null);
    }

    /** 404: the named resource does not exist. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail, null);
    }

    /** 409: the command conflicts with the current state (stock, order status, a unique value). */
    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(409, slug, title, detail, null);
    }

    /** 422: the request is well-formed but cannot be carried out as asked. */
    public static ProblemException unprocessable(String slug, String title, String detail) {
        return new ProblemException(422, slug, title, detail, null);
    }

    /** 503: the database cannot be reached right now; retrying later may succeed. */
    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "service-unavailable", "Service unavailable", detail, null);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The last segment of the problem type URI. */
    public String slug() {
        return slug;
    }

    /** The fixed summary of this kind of problem. */
    public String title() {
        return title;
    }

    /** What went wrong with this request. */
    public String detail() {
        return getMessage();
    }

    /** Per-field errors, or {@code null}. */
    public List<Problem.FieldError> errors() {
        return errors;
    }
}
