package io.readmodel.readapi.order;

import io.readmodel.readapi.problem.ProblemException;

/** Parses path and query parameters strictly, answering 400 problems instead of JAX-RS's bare 404s. */
final class RequestValues {

    private RequestValues() {
    }

    /** An id in the path: a decimal int64. */
    static long id(String text, String what) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid-id", "Invalid " + what,
                    "The " + what + " must be a decimal integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE
                            + ", got '" + abbreviate(text) + "'.");
        }
    }

    /** A page size: the default when absent, otherwise 1..max. */
    static int limit(String text, int defaultLimit, int maxLimit) {
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

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
