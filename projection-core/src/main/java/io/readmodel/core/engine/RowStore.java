package io.readmodel.core.engine;

import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
import java.util.Collection;
import java.util.Map;

/**
 * The latest known version of every source row the projections consume (tombstones included). The projector
 * reads it to fill values the log left out (unchanged TOASTed columns) and to copy looked-up rows into new
 * documents.
 */
public interface RowStore {

    /** The stored versions of the given rows; rows never seen are absent from the result. */
    Map<RowKey, RowVersion> load(Collection<RowKey> rows);
}
