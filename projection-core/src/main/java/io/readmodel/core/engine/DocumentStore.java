package io.readmodel.core.engine;

import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
import io.readmodel.core.document.DocumentState;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where one projection's documents are read from (writes are the caller's business). */
public interface DocumentStore {

    /**
     * The stored documents with these ids; ids not stored are absent.
     *
     * @param detached per document id, the detached components to load with it (the document holds only those
     *     of them it has; no other detached component is loaded)
     */
    List<DocumentState> loadByIds(Collection<Object> ids, Map<Object, Set<RowKey>> detached);

    /** The stored documents that reference any of these rows (as a component or as a looked-up row), without detached components. */
    List<DocumentState> loadReferencing(Collection<RowKey> rows);

    /** Every stored detached component of these documents, by document id. */
    Map<Object, Map<RowKey, RowVersion>> loadDetached(Collection<Object> ids);
}
