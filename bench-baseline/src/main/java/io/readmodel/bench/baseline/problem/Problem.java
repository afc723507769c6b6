package io.readmodel.bench.baseline.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, as read-api answers it ({@value #MEDIA_TYPE}).
 *
 * @param type a URI naming the kind of problem
 * @param title a short summary of the kind of problem
 * @param status the HTTP status code
 * @param detail what went wrong in this occurrence
 * @param instance the path of the request that failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {

    /** The media type of problem details. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** The base of the product's problem type URIs. */
    public static final String TYPE_BASE = "https://readmodel.io/problems/";

    /** The same problem, reported for the given request path. */
    public Problem at(String path) {
        return new Problem(type, title, status, detail, path);
    }
}
