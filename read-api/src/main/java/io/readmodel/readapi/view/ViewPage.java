package io.readmodel.readapi.view;

import java.util.List;
import java.util.Map;

/**
 * One page of a projection's documents, as clients see them.
 *
 * @param items the documents of this page, without {@code _id} and {@code _meta}
 * @param nextCursor the opaque cursor of the next page, or null on the last page
 */
public record ViewPage(List<Map<String, Object>> items, String nextCursor) {
}
