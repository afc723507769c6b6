package io.readmodel.bridge.stream;

import com.mongodb.MongoException;
import io.readmodel.bridge.deadletter.DeadLetterStore;
import io.readmodel.bridge.metrics.BridgeMetrics;
import io.readmodel.bridge.store.BatchApplier;
import io.readmodel.bridge.store.ConcurrentWriteException;
import io.readmodel.bridge.store.MongoReadModel;
import io.readmodel.core.change.RowChange;
import io.readmodel.core.checkpoint.Checkpoint;
import io.readmodel.core.definition.ProjectionDefinition;
import io.readmodel.core.engine.ChangeProjector;
import io.readmodel.core.engine.ProjectedBatch;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Applies completed changes to MongoDB, then records the checkpoints and metrics they reach. When a batch
 * fails for a reason that retrying cannot cure (a value the projection cannot convert, a definition bug), its
 * changes are applied one by one and the ones that fail go to the dead-letter store; the stream goes on.
 * Failures of MongoDB itself are not dead letters: they stop the batch, and the stream retries from the last
 * acknowledged offset.
 */
public final class ReadModelWriter {

    private static final Logger LOG = Logger.getLogger(ReadModelWriter.class);

    private final ChangeProjector projector;
    private final BatchApplier applier;
    private final MongoReadModel readModel;
    private final DeadLetterStore deadLetters;
    private final BridgeMetrics metrics;
    private final Clock clock;
    private boolean caughtUpWithStoredCheckpoints;
    /** Row changes applied per projection (of its tables), continued from the stored checkpoints. */
    private final java.util.Map<String, Long> eventsApplied = new java.util.HashMap<>();

    /** A writer. */
    public ReadModelWriter(ChangeProjector projector, MongoReadModel readModel, DeadLetterStore deadLetters,
            BridgeMetrics metrics, Clock clock) {
        this.projector = projector;
        this.applier = new BatchApplier(projector, readModel);
        this.readModel = readModel;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Applies changes (in commit order) and records the checkpoints the assembler has reached. */
    public void apply(List<RowChange> changes, TransactionAssembler progress) {
        if (!changes.isEmpty()) {
            try {
                written(applier.apply(changes));
            } catch (RuntimeException e) {
                if (isTransient(e)) {
                    throw e;
                }
                LOG.warnf("a batch of %d changes failed (%s); applying them one by one", changes.size(), e.toString());
                changes.forEach(this::applyAlone);
            }
        }
        Instant appliedAt = clock.instant();
        metrics.applied(changes, appliedAt);
        if (!caughtUpWithStoredCheckpoints) {
            // another bridge may have moved the checkpoints since this run started (a takeover)
            projector.definitions().forEach(definition -> progress.catchUp(readModel.checkpoint(definition.name())));
            caughtUpWithStoredCheckpoints = true;
        }
        List<Checkpoint> checkpoints = new java.util.ArrayList<>();
        for (ProjectionDefinition definition : projector.definitions()) {
            checkpoints.add(new Checkpoint(definition.name(), progress.appliedLsn(), progress.position(),
                    progress.sourceCommitTime(), appliedAt, progress.heartbeatAt(), countEvents(definition, changes)));
        }
        readModel.saveCheckpoints(checkpoints);
        checkpoints.forEach(metrics::checkpoint);
    }

    private long countEvents(ProjectionDefinition definition, List<RowChange> changes) {
        long count = eventsApplied.computeIfAbsent(definition.name(), name -> {
            Checkpoint stored = readModel.checkpoint(name);
            return stored == null || stored.eventsApplied() == null ? 0L : stored.eventsApplied();
        });
        for (RowChange change : changes) {
            if (definition.tables().contains(change.row().table())) {
                count++;
            }
        }
        eventsApplied.put(definition.name(), count);
        return count;
    }

    private void applyAlone(RowChange change) {
        try {
            written(applier.apply(List.of(change)));
        } catch (RuntimeException e) {
            if (isTransient(e)) {
                throw e;
            }
            LOG.errorf("dead letter: %s %s at %s: %s", change.operation(), change.row(), change.position(), e.toString());
            deadLetters.add(change, e);
            metrics.deadLetter();
        }
    }

    private void written(ProjectedBatch batch) {
        batch.documentWrites().forEach((projection, writes) -> metrics.documentsWritten(projection, writes.size()));
    }

    /** MongoDB unavailable or a lost race: retrying later cures it, so it is never a dead letter. */
    static boolean isTransient(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoException || cause instanceof ConcurrentWriteException) {
                return true;
            }
        }
        return false;
    }
}
