package io.readmodel.bridge.deadletter;

import com.mongodb.client.MongoClient;
import io.readmodel.bridge.config.BridgeConfig;
import io.readmodel.bridge.projection.ProjectionCatalog;
import io.readmodel.bridge.store.BatchApplier;
import io.readmodel.bridge.store.MongoReadModel;
import io.readmodel.core.change.RowChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Retries dead letters after a fix (of the data or the definitions). A retried change merges like any other:
 * if newer changes of the same rows were applied since, it changes nothing, so retrying is always safe.
 */
@ApplicationScoped
public class DeadLetterService {

    /** The outcome of retrying one dead letter. */
    public enum Outcome {
        /** Applied; the dead letter is gone. */
        APPLIED,
        /** Failed again; it stays, with the new error. */
        FAILED,
        /** It cannot be retried (the record could not be read). */
        NOT_RETRYABLE,
        /** No such dead letter. */
        NOT_FOUND
    }

    private final DeadLetterStore store;
    private final BatchApplier applier;

    DeadLetterService(DeadLetterStore store, ProjectionCatalog catalog, MongoClient mongo, BridgeConfig config) {
        this.store = store;
        this.applier = new BatchApplier(catalog.projector(), new MongoReadModel(mongo, config.database()));
    }

    /** Retries one. */
    public Outcome retry(String id) {
        if (!store.exists(id)) {
            return Outcome.NOT_FOUND;
        }
        Optional<RowChange> change = store.change(id);
        if (change.isEmpty()) {
            return Outcome.NOT_RETRYABLE;
        }
        try {
            applier.apply(List.of(change.get()));
            store.remove(id);
            return Outcome.APPLIED;
        } catch (RuntimeException e) {
            store.failedAgain(id, e);
            return Outcome.FAILED;
        }
    }

    /** Retries every retryable dead letter, oldest first; returns how many were applied. */
    public int retryAll() {
        int applied = 0;
        for (String id : store.ids()) {
            if (retry(id) == Outcome.APPLIED) {
                applied++;
            }
        }
        return applied;
    }
}
