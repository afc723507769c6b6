package io.readmodel.readapi.query;

import io.readmodel.readapi.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Where a page ended: the sort-key values of its last document ({@link SortOrder#valuesOf}). The next page starts
 * strictly after them, so documents inserted or updated between requests never shift or repeat a page. Clients
 * see it as opaque text: base64url of MongoDB Extended JSON {@code {"s": <sort order>, "v": [values]}}, which
 * keeps every value's BSON type (int64 stays int64); a cursor is only valid with the sort order it was made for.
 *
 * @param values the sort-key values, the {@code _id} tiebreaker last
 */
public record KeysetCursor(List<Object> values) {

    /** The query parameter cursors come from. */
    public static final String PARAMETER = "cursor";

    private static final int MAX_LENGTH = 4096;
    private static final JsonWriterSettings EXTENDED = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED)
            .build();

    /** The cursor after the given document (read with at least its sort fields). */
    public static KeysetCursor after(SortOrder order, Document last) {
        return new KeysetCursor(order.valuesOf(last));
    }

    /**
     * Reads a cursor a client got from {@link #encode}, for the same sort order.
     *
     * @throws ProblemException 400 {@code invalid-cursor} when it is not one
     */
    public static KeysetCursor decode(String text, SortOrder order) {
        try {
            if (text.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            Document decoded = Document.parse(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
            List<?> values = decoded.get("v", List.class);
            if (!order.text().equals(decoded.get("s")) || values == null || values.size() != order.keys().size()) {
                throw new IllegalArgumentException("not for this sort order");
            }
            return new KeysetCursor(new ArrayList<>(values));
        } catch (RuntimeException e) { // bad base64, JSON, types or shape: all the same to the client
            throw FieldNames.invalid(PARAMETER,
                    "it must be a nextCursor value returned by this API for the same sort order.");
        }
    }

    /** The opaque text form, bound to the sort order. */
    public String encode(SortOrder order) {
        String json = new Document("s", order.text()).append("v", values).toJson(EXTENDED);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The filter of the documents that come strictly after this cursor in the sort order. */
    public Bson strictlyAfter(SortOrder order) {
        return order.strictlyAfter(values);
    }
}
