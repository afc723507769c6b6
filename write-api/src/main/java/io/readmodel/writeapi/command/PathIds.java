package io.readmodel.writeapi.command;

import io.readmodel.writeapi.problem.ProblemException;

/** Reads the numeric ids in request paths; a malformed one names nothing, so it is a 404 problem, not a 500. */
public final class PathIds {

    private PathIds() {
    }

    /**
     * Parses a positive {@code BIGINT} id.
     *
     * @param raw the path segment
     * @param entity what the id names, for the problem's detail ({@code order})
     * @throws ProblemException 404 when it is not a positive integer
     */
    public static long parse(String raw, String entity) {
        if (raw != null && raw.length() <= 19 && !raw.isEmpty() && raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                long id = Long.parseLong(raw);
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException tooLarge) {
                // falls through to the problem below
            }
        }
        String shown = raw == null ? "" : raw.length() <= 40 ? raw : raw.substring(0, 40) + "...";
        throw ProblemException.notFound("there is no " + entity + " '" + shown + "': ids are positive integers");
    }
}
