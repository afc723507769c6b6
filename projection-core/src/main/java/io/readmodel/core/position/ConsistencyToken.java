package io.readmodel.core.position;

/**
 * What write-api hands a client after a command commits ({@code X-Consistency-Token}): a WAL location at or
 * after the command's commit. A projection has caught up with it once its checkpoint's applied LSN is at or
 * after it. Text form: the LSN as PostgreSQL writes it ({@code 0/16B3748}); a position text is accepted too.
 *
 * @param lsn the location the reader wants reflected
 */
public record ConsistencyToken(Lsn lsn) {

    /** The HTTP response header write-api sets. */
    public static final String RESPONSE_HEADER = "X-Consistency-Token";

    /** The HTTP request header read-api honours. */
    public static final String REQUEST_HEADER = "X-Min-Position";

    /** The query parameter read-api honours (same meaning as the header). */
    public static final String QUERY_PARAMETER = "minPosition";

    /**
     * Parses a token.
     *
     * @throws IllegalArgumentException when it is neither an LSN nor a position
     */
    public static ConsistencyToken parse(String text) {
        return new ConsistencyToken(Position.parse(text == null ? null : text.trim()).commitLsn());
    }

    /** Whether a projection whose applied LSN is {@code applied} reflects everything this token asks for. */
    public boolean isSatisfiedBy(Lsn applied) {
        return applied.isAtOrAfter(lsn);
    }

    @Override
    public String toString() {
        return lsn.toString();
    }
}
