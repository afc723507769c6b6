package io.readmodel.writeapi.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error answer ({@code application/problem+json}).
 *
 * @param type a URI naming the kind of problem
 * @param title a short, fixed summary of that kind
 * @param status the HTTP status code
 * @param detail what went wrong with this very request, in words a client developer can act on
 * @param instance the request path the problem occurred on
 * @param errors for validation problems, one entry per invalid field; absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /** The media type of a problem document. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One invalid field of a request body.
     *
     * @param field the path of the field inside the body ({@code lines[0].quantity}), or {@code body}
     * @param message why it is invalid
     */
    public record FieldError(String field, String message) {
    }
}
