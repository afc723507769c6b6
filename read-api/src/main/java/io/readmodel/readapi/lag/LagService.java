package io.readmodel.readapi.lag;

import io.readmodel.readapi.store.CheckpointStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/** Reports every projection's lag from a fresh read of the checkpoints. */
@ApplicationScoped
public class LagService {

    private final CheckpointStore checkpoints;
    private final Clock clock = Clock.systemUTC();

    LagService(CheckpointStore checkpoints) {
        this.checkpoints = checkpoints;
    }

    /** The lag of every projection that has a checkpoint. */
    public Uni<LagReport> report() {
        return checkpoints.findAll()
                .map(all -> {
                    Instant now = clock.instant();
                    return new LagReport(all.stream().map(checkpoint -> ProjectionLag.of(checkpoint, now)).toList());
                });
    }
}
