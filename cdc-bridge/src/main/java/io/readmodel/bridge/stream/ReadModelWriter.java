package io.readmodel.bridge.stream;

import io.readmodel.bridge.metrics.BridgeMetrics;
import io.readmodel.bridge.store.BatchApplier;
import io.readmodel.bridge.store.MongoReadModel;
import io.readmodel.core.change.RowChange;
import io.readmodel.core.checkpoint.Checkpoint;
import io.readmodel.core.definition.ProjectionDefinition;
import io.readmodel.core.engine.ChangeProjector;
import io.readmodel.core.engine.ProjectedBatch;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Applies completed changes to MongoDB, then records the checkpoints and metrics they reach. */
public final class ReadModelWriter {

    private final ChangeProjector projector;
    private final BatchApplier applier;
    private final MongoReadModel readModel;
    private final BridgeMetrics metrics;
    private final Clock clock;

    /** A writer. */
    public ReadModelWriter(ChangeProjector projector, MongoReadModel readModel, BridgeMetrics metrics, Clock clock) {
        this.projector = projector;
        this.applier = new BatchApplier(projector, readModel);
        this.readModel = readModel;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Applies changes (in commit order) and records the checkpoints the assembler has reached. */
    public void apply(List<RowChange> changes, TransactionAssembler progress) {
        if (!changes.isEmpty()) {
            ProjectedBatch batch = applier.apply(changes);
            batch.documentWrites().forEach((projection, writes) -> metrics.documentsWritten(projection, writes.size()));
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
}
