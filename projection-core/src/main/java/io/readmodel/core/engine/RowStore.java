package io.readmodel.core.engine;

import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
import java.util.Collection;
import java.util.Map;

/**
 * The latest known version of every source row the projections consume (tombstones included). The projector
 * reads it to fill values the log left out (unchanged TOASTed columns), to copy looked-up rows into new
 * documents, and to gather nested children when their parent row arrives in a document.
 */
public interface RowStore {

    /** The stored versions of the given rows; rows never seen are absent from the result. */
    Map<RowKey, RowVersion> load(Collection<RowKey> rows);

    /**
     * The stored live rows of {@code table} whose {@code parentKeyColumn} holds one of {@code parentKeys}.
     *
     * @param table the child table
     * @param parentKeyColumn its column referencing the parent
     * @param parentKeys the parents' key values
     */
    Map<RowKey, RowVersion> loadChildren(String table, String parentKeyColumn, Collection<Object> parentKeys);
}
