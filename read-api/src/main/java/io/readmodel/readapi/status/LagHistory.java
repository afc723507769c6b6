package io.readmodel.readapi.status;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.readmodel.core.checkpoint.Checkpoint;
import io.readmodel.readapi.ReadApiConfig;
import io.readmodel.readapi.store.CheckpointStore;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The last minutes of every projection's lag and throughput, in memory: a Vert.x timer reads the checkpoints every
 * {@code readapi.status.sample-interval} (reactively, no thread waits) and keeps one {@link LagSample} per projection
 * and tick in a ring of {@code history / sample-interval} entries. Throughput is the growth of the checkpoint's
 * cumulative {@code eventsApplied} between two samples, per second (0 when the bridge does not record it, and after a
 * count that went back, as when a checkpoint was reset).
 */
@ApplicationScoped
public class LagHistory {

    private static final Logger LOG = Logger.getLogger(LagHistory.class);

    private final Vertx vertx;
    private final CheckpointStore checkpoints;
    private final Duration interval;
    private final int capacity;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Ring> rings = new TreeMap<>();
    private final AtomicBoolean reading = new AtomicBoolean();
    private long timer = -1;

    LagHistory(Vertx vertx, CheckpointStore checkpoints, ReadApiConfig config) {
        this.vertx = vertx;
        this.checkpoints = checkpoints;
        this.interval = config.status().sampleInterval();
        this.capacity = (int) Math.max(2, config.status().history().toMillis() / Math.max(1, interval.toMillis()));
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(Math.max(100, interval.toMillis()), id -> sample());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void sample() {
        if (!reading.compareAndSet(false, true)) {
            return; // the previous read is still in flight (MongoDB slow): skip this tick
        }
        checkpoints.findAll()
                .ifNoItem().after(interval.multipliedBy(5)).fail()
                .eventually(() -> reading.set(false))
                .subscribe().with(all -> record(all, clock.instant()),
                        failure -> LOG.debugf("status sample skipped: %s", failure.toString()));
    }

    /** Adds one sample per checkpoint, taken at {@code now}. */
    synchronized void record(List<Checkpoint> all, Instant now) {
        for (Checkpoint checkpoint : all) {
            rings.computeIfAbsent(checkpoint.projection(), name -> new Ring(capacity)).add(checkpoint, now);
        }
    }

    /** The sampling interval. */
    public Duration interval() {
        return interval;
    }

    /** Every projection's samples, oldest first. */
    public synchronized Map<String, List<LagSample>> series() {
        Map<String, List<LagSample>> series = new TreeMap<>();
        rings.forEach((projection, ring) -> series.put(projection, List.copyOf(ring.samples)));
        return series;
    }

    /** The latest throughput of a projection, in events per second (0 without samples). */
    public synchronized double eventsPerSecond(String projection) {
        Ring ring = rings.get(projection);
        return ring == null || ring.samples.isEmpty() ? 0 : ring.samples.peekLast().eventsPerSecond();
    }

    private static final class Ring {
        private final int capacity;
        private final ArrayDeque<LagSample> samples = new ArrayDeque<>();
        private Long lastEvents;
        private Instant lastAt;

        Ring(int capacity) {
            this.capacity = capacity;
        }

        void add(Checkpoint checkpoint, Instant now) {
            double rate = 0;
            Long events = checkpoint.eventsApplied();
            if (events != null && lastEvents != null && events >= lastEvents && lastAt != null) {
                double seconds = Duration.between(lastAt, now).toMillis() / 1000.0;
                rate = seconds > 0 ? (events - lastEvents) / seconds : 0;
            }
            lastEvents = events;
            lastAt = now;
            if (samples.size() == capacity) {
                samples.removeFirst();
            }
            samples.addLast(new LagSample(now.toEpochMilli(), checkpoint.lag(now).toNanos() / 1e9, rate,
                    events == null ? -1 : events));
        }
    }
}
