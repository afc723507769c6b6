package io.readmodel.readapi.order;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import io.readmodel.readapi.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import org.bson.conversions.Bson;

/**
 * Where a page of orders ended, in the sort order {@code placedAt} desc, {@code _id} desc. The next page starts
 * strictly after it, so orders inserted or updated between requests never shift or repeat a page. Clients see
 * it as opaque text: base64url of {@code <placedAt>|<_id>}.
 *
 * @param placedAt the {@code placedAt} of the last order of the page
 * @param key the {@code _id} of the last order of the page
 */
record PageCursor(String placedAt, long key) {

    private static final int MAX_LENGTH = 200;

    /** The cursor after the given order. */
    static PageCursor after(StoredOrder order) {
        return new PageCursor(order.view().placedAt(), order.key());
    }

    /**
     * Reads a cursor a client got from {@link #encode()}.
     *
     * @throws ProblemException 400 when it is not one
     */
    static PageCursor decode(String text) {
        try {
            if (text.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = decoded.lastIndexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("no separator");
            }
            String placedAt = decoded.substring(0, bar);
            Instant.parse(placedAt);
            return new PageCursor(placedAt, Long.parseLong(decoded.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-cursor", "Invalid cursor",
                    "The cursor query parameter must be a nextCursor value returned by this API.");
        }
    }

    /** The opaque text form. */
    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((placedAt + "|" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The filter of the orders that come strictly after this cursor, newest first. */
    Bson strictlyAfter() {
        return or(lt("placedAt", placedAt), and(eq("placedAt", placedAt), lt("_id", key)));
    }
}
