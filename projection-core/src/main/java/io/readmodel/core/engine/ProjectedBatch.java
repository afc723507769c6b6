package io.readmodel.core.engine;

import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
import io.readmodel.core.document.DocumentState;
import io.readmodel.core.document.RenderedDocument;
import java.util.List;
import java.util.Map;

/**
 * What projecting a batch of changes produced: the row versions to store and, per projection, the documents
 * that changed. Documents must be written before rows (a replay then still finds the previous row versions).
 *
 * @param rowWrites row versions newer than the stored ones
 * @param documentWrites per projection name, the changed documents with their rendered views
 */
public record ProjectedBatch(Map<RowKey, RowVersion> rowWrites, Map<String, List<DocumentWrite>> documentWrites) {

    /**
     * One document to write.
     *
     * @param state its components and the revision it was loaded at
     * @param rendered its derived view
     */
    public record DocumentWrite(DocumentState state, RenderedDocument rendered) {
    }

    /** How many documents changed across projections. */
    public int documentCount() {
        return documentWrites.values().stream().mapToInt(List::size).sum();
    }
}
