package io.readmodel.readapi.store;

import io.readmodel.readapi.query.KeysetCursor;
import io.readmodel.readapi.query.SortOrder;
import java.util.List;
import org.bson.Document;

/**
 * One page of stored documents, as read.
 *
 * @param documents the documents of this page, in the sort order
 * @param nextCursor the opaque cursor of the next page, or null on the last page
 */
public record DocumentPage(List<Document> documents, String nextCursor) {

    /** The page from a read of up to {@code limit + 1} documents: one more means another page follows. */
    static DocumentPage of(List<Document> found, int limit, SortOrder order) {
        if (found.size() <= limit) {
            return new DocumentPage(found, null);
        }
        List<Document> page = found.subList(0, limit);
        return new DocumentPage(List.copyOf(page), KeysetCursor.after(order, page.get(limit - 1)).encode(order));
    }
}
