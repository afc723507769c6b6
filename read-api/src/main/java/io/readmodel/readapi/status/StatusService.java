package io.readmodel.readapi.status;

import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.FindOptions;
import io.readmodel.core.checkpoint.BridgeStatus;
import io.readmodel.core.checkpoint.BridgeStatusDocument;
import io.readmodel.core.checkpoint.Checkpoint;
import io.readmodel.readapi.ReadApiConfig;
import io.readmodel.readapi.store.CheckpointStore;
import io.readmodel.readapi.store.ReadModelStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;

/**
 * Gathers what the status page shows, all from MongoDB (read-api never talks to the bridge): the checkpoints
 * (lag, position, {@code eventsApplied}), the bridge's {@code bridge_status} document (streaming, snapshot progress;
 * tolerated when absent), the {@code dead_letters} count, and the {@link LagHistory}.
 */
@ApplicationScoped
public class StatusService {

    /** The bridge's dead-letter collection (cdc-bridge's {@code DeadLetterStore.COLLECTION}). */
    static final String DEAD_LETTERS = "dead_letters";

    private final CheckpointStore checkpoints;
    private final ReadModelStore store;
    private final LagHistory history;
    private final Duration bridgeStaleAfter;
    private final Clock clock = Clock.systemUTC();

    StatusService(CheckpointStore checkpoints, ReadModelStore store, LagHistory history, ReadApiConfig config) {
        this.checkpoints = checkpoints;
        this.store = store;
        this.history = history;
        this.bridgeStaleAfter = config.status().bridgeStaleAfter();
    }

    /** The current figures, read fresh. */
    public Uni<StatusSummary> summary() {
        Uni<List<Checkpoint>> all = checkpoints.findAll();
        Uni<Document> bridge = store.collection(BridgeStatusDocument.COLLECTION)
                .find(new FindOptions().sort(Sorts.descending("updatedAt")).limit(1))
                .collect().first();
        Uni<Long> deadLetters = store.collection(DEAD_LETTERS).countDocuments()
                .onFailure().recoverWithItem(-1L);
        return Uni.combine().all().unis(all, bridge, deadLetters).asTuple()
                .map(read -> {
                    Instant now = clock.instant();
                    List<StatusSummary.Projection> projections = read.getItem1().stream()
                            .map(checkpoint -> projection(checkpoint, now)).toList();
                    return new StatusSummary(now, bridge(read.getItem2(), now), read.getItem3(), projections);
                });
    }

    /** The last minutes, from memory. */
    public StatusSeries series() {
        return new StatusSeries(history.interval().toMillis() / 1000.0, history.series());
    }

    private StatusSummary.Projection projection(Checkpoint checkpoint, Instant now) {
        return new StatusSummary.Projection(checkpoint.projection(), checkpoint.lag(now).toNanos() / 1e9,
                history.eventsPerSecond(checkpoint.projection()), checkpoint.eventsApplied(),
                checkpoint.appliedLsn().toString(), checkpoint.position().toString(), checkpoint.sourceCommitTime(),
                checkpoint.appliedAt(), checkpoint.heartbeatAt());
    }

    private StatusSummary.Bridge bridge(Document document, Instant now) {
        if (document == null) {
            return new StatusSummary.Bridge(false, false, null, null, null);
        }
        BridgeStatus status = BridgeStatusDocument.fromDocument(document);
        return new StatusSummary.Bridge(status.isStreaming(now, bridgeStaleAfter), true, status.updatedAt(),
                status.lastError(), status.snapshot() == null ? null : StatusSummary.Snapshot.of(status.snapshot(), now));
    }
}
