package io.readmodel.readapi.lag;

import io.readmodel.readapi.consistency.CheckpointWatcher;
import io.readmodel.readapi.store.CheckpointStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * Reports every projection's lag from a fresh read of the checkpoints, and what reads by key reflect (the document
 * cache's position, {@link CheckpointWatcher#served}).
 */
@ApplicationScoped
public class LagService {

    private final CheckpointStore checkpoints;
    private final CheckpointWatcher watcher;
    private final Clock clock = Clock.systemUTC();

    LagService(CheckpointStore checkpoints, CheckpointWatcher watcher) {
        this.checkpoints = checkpoints;
        this.watcher = watcher;
    }

    /** The lag of every projection that has a checkpoint. */
    public Uni<LagReport> report() {
        return checkpoints.findAll()
                .map(all -> {
                    Instant now = clock.instant();
                    return new LagReport(all.stream()
                            .map(checkpoint -> ProjectionLag.of(checkpoint, watcher.served(checkpoint.projection()), now))
                            .toList());
                });
    }
}
