package io.readmodel.readapi.view;

import io.readmodel.core.checkpoint.CheckpointDocument;
import io.readmodel.readapi.consistency.CheckpointWatcher;
import io.readmodel.readapi.problem.ProblemException;
import io.readmodel.readapi.store.CheckpointStore;
import io.readmodel.readapi.store.ReadModelStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which projections exist: a valid projection name (docs/projections.md) that has a checkpoint or a collection,
 * and is not one of the bridge's own collections. Known checkpoints answer from memory; only a name without one
 * costs a read (its checkpoint and the collection names, in parallel).
 */
@ApplicationScoped
public class ProjectionCatalog {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** The bridge's bookkeeping: checkpoints, its row store, its Debezium offsets, its status, its dead letters. */
    private static final Set<String> INTERNAL = Set.of(CheckpointDocument.COLLECTION, "rows", "offsets",
            io.readmodel.core.checkpoint.BridgeStatusDocument.COLLECTION, "dead_letters");

    private final CheckpointWatcher watcher;
    private final CheckpointStore checkpoints;
    private final ReadModelStore store;

    ProjectionCatalog(CheckpointWatcher watcher, CheckpointStore checkpoints, ReadModelStore store) {
        this.watcher = watcher;
        this.checkpoints = checkpoints;
        this.store = store;
    }

    /** Completes when the projection exists, fails with 404 {@code projection-not-found} otherwise. */
    public Uni<Void> requireKnown(String projection) {
        if (!NAME.matcher(projection).matches() || INTERNAL.contains(projection)) {
            return Uni.createFrom().failure(notFound(projection));
        }
        if (watcher.latest(projection).isPresent()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.combine().all().unis(checkpoints.exists(projection), store.collectionNames())
                .with((hasCheckpoint, collections) -> hasCheckpoint || collections.contains(projection))
                .invoke(known -> {
                    if (!known) {
                        throw notFound(projection);
                    }
                })
                .replaceWithVoid();
    }

    private static ProblemException notFound(String projection) {
        return ProblemException.notFound("projection-not-found", "Projection not found",
                "There is no projection '" + (projection.length() <= 63 ? projection : projection.substring(0, 63)
                        + "...") + "'.");
    }
}
