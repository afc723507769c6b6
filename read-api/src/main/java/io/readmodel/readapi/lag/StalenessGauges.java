package io.readmodel.readapi.lag;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.readmodel.readapi.consistency.CheckpointWatcher;
import io.readmodel.readapi.consistency.ProjectionDiscovered;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;

/**
 * Registers the gauge {@code readmodel_staleness_seconds{projection=...}} (now minus the source commit time of
 * what read-api serves: the checkpoint the document cache is valid through while it serves the projection, else the
 * projection's last read checkpoint; {@link CheckpointWatcher#served}) for each projection as the
 * {@link CheckpointWatcher} discovers it. The value is computed at scrape time, so it keeps growing while the bridge
 * (or the cache's following of it) is stuck.
 */
@ApplicationScoped
public class StalenessGauges {

    private final MeterRegistry registry;
    private final CheckpointWatcher watcher;

    StalenessGauges(MeterRegistry registry, CheckpointWatcher watcher) {
        this.registry = registry;
        this.watcher = watcher;
    }

    void register(@Observes ProjectionDiscovered discovered) {
        String projection = discovered.projection();
        Gauge.builder("readmodel.staleness", watcher, w -> stalenessSeconds(w, projection))
                .description("Now minus the source commit time of the last change or heartbeat the projection applied")
                .baseUnit("seconds")
                .tag("projection", projection)
                .strongReference(true)
                .register(registry);
    }

    private static double stalenessSeconds(CheckpointWatcher watcher, String projection) {
        return watcher.served(projection)
                .map(checkpoint -> ProjectionLag.seconds(checkpoint, Instant.now()))
                .orElse(Double.NaN);
    }
}
