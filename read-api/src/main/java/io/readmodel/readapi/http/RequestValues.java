package io.readmodel.readapi.http;

import io.readmodel.readapi.problem.ProblemException;
import java.util.List;

/** Parses path and query parameters strictly, answering 400 problems instead of JAX-RS's bare 404s. */
public final class RequestValues {

    private static final int MAX_KEY_LENGTH = 512;

    private RequestValues() {
    }

    /** An id in the path: a decimal int64. */
    public static long id(String text, String what) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid-id", "Invalid " + what,
                    "The " + what + " must be a decimal integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE
                            + ", got '" + abbreviate(text) + "'.");
        }
    }

    /**
     * A document key of any projection, as the {@code _id} values to try in order: an integer is looked up as
     * int64 first, then as the same text (a projection keyed by a text column); anything else as text only.
     */
    public static List<Object> documentKey(String text) {
        if (text.isEmpty() || text.length() > MAX_KEY_LENGTH) {
            throw ProblemException.badRequest("invalid-id", "Invalid id",
                    "The id must be 1 to " + MAX_KEY_LENGTH + " characters long.");
        }
        if (text.matches("-?[0-9]{1,19}")) {
            try {
                return List.of(Long.parseLong(text), text);
            } catch (NumberFormatException e) {
                // beyond int64: only a text key can match
            }
        }
        return List.of(text);
    }

    /** A page size: the default when absent, otherwise 1..max. */
    public static int limit(String text, int defaultLimit, int maxLimit) {
        if (text == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("invalid-limit", "Invalid limit",
                "The limit query parameter must be an integer from 1 to " + maxLimit + ", got '" + abbreviate(text)
                        + "'.");
    }

    /** The text cut to a length fit for an error message. */
    public static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
