package io.readmodel.bridge.store;

import io.readmodel.core.change.RowChange;
import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
import io.readmodel.core.engine.ChangeProjector;
import io.readmodel.core.engine.ProjectedBatch;
import io.readmodel.core.engine.RowStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Projects changes against what MongoDB holds and writes the result. A write that loses a race to another
 * writer (a bridge taking over, a repair) is projected again from what is then stored: merges are idempotent.
 */
public final class BatchApplier {

    private static final int MAX_ATTEMPTS = 10;

    private final ChangeProjector projector;
    private final MongoReadModel readModel;

    /** An applier of one projector's output to one read model. */
    public BatchApplier(ChangeProjector projector, MongoReadModel readModel) {
        this.projector = projector;
        this.readModel = readModel;
    }

    /** Projects and writes changes (in commit order); returns what was written. */
    public ProjectedBatch apply(List<RowChange> changes) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            RecordingRowStore rows = new RecordingRowStore(readModel);
            MongoReadModel.Session session = readModel.session();
            ProjectedBatch batch = projector.project(changes, rows, session::documents);
            if (readModel.write(batch, rows.loaded, session)) {
                return batch;
            }
        }
        throw new ConcurrentWriteException(MAX_ATTEMPTS);
    }

    /** Remembers the stored versions read, so that writes can be conditional on them. */
    private static final class RecordingRowStore implements RowStore {
        private final RowStore delegate;
        private final Map<RowKey, RowVersion> loaded = new HashMap<>();

        RecordingRowStore(RowStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Map<RowKey, RowVersion> load(Collection<RowKey> keys) {
            Map<RowKey, RowVersion> found = delegate.load(keys);
            found.forEach(loaded::putIfAbsent);
            return found;
        }

        @Override
        public Map<RowKey, RowVersion> loadChildren(String table, String parentKeyColumn, Collection<Object> parentKeys) {
            Map<RowKey, RowVersion> found = delegate.loadChildren(table, parentKeyColumn, parentKeys);
            found.forEach(loaded::putIfAbsent);
            return found;
        }
    }
}
