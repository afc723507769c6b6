package io.readmodel.core.engine;

import io.readmodel.core.change.RowKey;
import io.readmodel.core.document.DocumentState;
import java.util.Collection;
import java.util.List;

/** Where one projection's documents are read from (writes are the caller's business). */
public interface DocumentStore {

    /** The stored documents with these ids; ids not stored are absent. */
    List<DocumentState> loadByIds(Collection<Object> ids);

    /** The stored documents that reference any of these rows (as a component or as a looked-up row). */
    List<DocumentState> loadReferencing(Collection<RowKey> rows);
}
