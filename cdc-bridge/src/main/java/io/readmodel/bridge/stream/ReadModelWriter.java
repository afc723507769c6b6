package io.readmodel.bridge.stream;

import io.readmodel.bridge.metrics.BridgeMetrics;
import io.readmodel.bridge.store.MongoReadModel;
import io.readmodel.core.change.RowChange;
import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
import io.readmodel.core.checkpoint.Checkpoint;
import io.readmodel.core.definition.ProjectionDefinition;
import io.readmodel.core.engine.ChangeProjector;
import io.readmodel.core.engine.ProjectedBatch;
import io.readmodel.core.engine.RowStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Projects completed changes and writes them to MongoDB, then the checkpoints. A write that loses a race to
 * another writer is projected again from what is stored (merges are idempotent).
 */
public final class ReadModelWriter {

    private static final int MAX_ATTEMPTS = 10;

    private final ChangeProjector projector;
    private final MongoReadModel readModel;
    private final BridgeMetrics metrics;
    private final Clock clock;

    /** A writer. */
    public ReadModelWriter(ChangeProjector projector, MongoReadModel readModel, BridgeMetrics metrics, Clock clock) {
        this.projector = projector;
        this.readModel = readModel;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Applies changes (in commit order) and records the checkpoints the assembler has reached. */
    public void apply(List<RowChange> changes, TransactionAssembler progress) {
        if (!changes.isEmpty()) {
            write(changes);
        }
        Instant appliedAt = clock.instant();
        metrics.applied(changes, appliedAt);
        for (ProjectionDefinition definition : projector.definitions()) {
            Checkpoint checkpoint = new Checkpoint(definition.name(), progress.appliedLsn(), progress.position(),
                    progress.sourceCommitTime(), appliedAt, progress.heartbeatAt());
            readModel.saveCheckpoint(checkpoint);
            metrics.checkpoint(checkpoint);
        }
    }

    private void write(List<RowChange> changes) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            RecordingRowStore rows = new RecordingRowStore(readModel);
            ProjectedBatch batch = projector.project(changes, rows, readModel::documents);
            if (readModel.write(batch, rows.loaded)) {
                batch.documentWrites().forEach((projection, writes) -> metrics.documentsWritten(projection, writes.size()));
                return;
            }
        }
        throw new IllegalStateException("another writer kept changing the same documents; giving up after " + MAX_ATTEMPTS + " attempts");
    }

    /** Remembers what was read, so writes can be made conditional on it. */
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
    }
}
