package io.readmodel.core.document;

import io.readmodel.core.change.RowKey;
import io.readmodel.core.position.Position;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What a document looks like to clients, derived from its components.
 *
 * @param live whether its root row exists (documents without one are not served)
 * @param view the fields clients see
 * @param references every row it is built from or waits for: its components' keys and the looked-up keys it
 *     shows, so that a change to any of them finds the document
 * @param lookups the looked-up rows it shows (a subset of references)
 * @param position the newest position among its components
 * @param sourceCommitTime the newest source commit time among its components
 */
public record RenderedDocument(boolean live, Map<String, Object> view, Set<RowKey> references, Set<RowKey> lookups,
        Position position, Instant sourceCommitTime) {
}
