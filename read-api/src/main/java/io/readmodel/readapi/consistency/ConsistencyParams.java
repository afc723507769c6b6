package io.readmodel.readapi.consistency;

import io.readmodel.core.position.ConsistencyToken;
import io.readmodel.readapi.problem.ProblemException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import java.time.Duration;
import java.util.Optional;

/**
 * What a request says about read-your-writes: a consistency token (header {@code X-Min-Position} or query
 * parameter {@code minPosition}) and, optionally, how long it is willing to wait ({@code Prefer: wait=<seconds>},
 * RFC 7240).
 *
 * @param header the {@code X-Min-Position} header, if sent
 * @param query the {@code minPosition} query parameter, if sent
 * @param prefer the {@code Prefer} header, if sent
 */
public record ConsistencyParams(
        @HeaderParam(ConsistencyToken.REQUEST_HEADER) String header,
        @QueryParam(ConsistencyToken.QUERY_PARAMETER) String query,
        @HeaderParam("Prefer") String prefer) {

    /**
     * The token to honour: the later of header and query parameter when both are sent.
     *
     * @throws ProblemException 400 when a token is sent but is neither an LSN nor a position
     */
    public Optional<ConsistencyToken> token() {
        Optional<ConsistencyToken> fromHeader = parse(header, ConsistencyToken.REQUEST_HEADER + " header");
        Optional<ConsistencyToken> fromQuery = parse(query, ConsistencyToken.QUERY_PARAMETER + " query parameter");
        if (fromHeader.isPresent() && fromQuery.isPresent()) {
            return fromHeader.get().lsn().isAtOrAfter(fromQuery.get().lsn()) ? fromHeader : fromQuery;
        }
        return fromHeader.isPresent() ? fromHeader : fromQuery;
    }

    /**
     * The wait the client asks for with {@code Prefer: wait=<seconds>}; preferences that cannot be read are
     * ignored, as RFC 7240 says.
     */
    public Optional<Duration> requestedWait() {
        if (prefer == null) {
            return Optional.empty();
        }
        for (String preference : prefer.split("[,;]")) {
            String[] nameAndValue = preference.trim().split("=", 2);
            if (nameAndValue.length == 2 && nameAndValue[0].trim().equalsIgnoreCase("wait")) {
                try {
                    long seconds = Long.parseLong(nameAndValue[1].trim().replace("\"", ""));
                    return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ConsistencyToken> parse(String text, String where) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConsistencyToken.parse(text));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-consistency-token", "Invalid consistency token",
                    "The " + where + " must be an LSN such as 0/16B3748 or a position such as 0/16B3748#3: "
                            + e.getMessage());
        }
    }
}
