package io.readmodel.readapi.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.readmodel.core.checkpoint.Checkpoint;
import io.readmodel.readapi.ReadApiConfig;
import io.readmodel.readapi.store.InvalidationStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps the {@link DocumentCache} in step with the bridge: after every read of the checkpoints (by the
 * {@code CheckpointWatcher}'s poll loop, so at most one step runs at a time) it reads the new entries of the
 * invalidation log, drops the documents of those the checkpoints have passed, and then declares the cache valid
 * through those checkpoints (see {@link InvalidationFollower} for why that holds).
 *
 * <p>A poll that reads the same checkpoints as the last step that caught up reads nothing else, unless a gap check is
 * due ({@code readapi.cache.gap-check-interval}): entries only settle when a checkpoint moves, and the step after that
 * move reads every entry written before it. Idle, the cache costs one read per poll and a gap check per interval.
 *
 * <p>Starting, and after anything it cannot follow (a gap in the log, an unreadable entry, a failed read, entries the
 * checkpoints never reach, a checkpoint that is gone: its read model is being loaded again, without entries), it
 * empties the cache, stops serving from it, and starts again after the newest entry.
 * While the log is empty it does not start at all (a bridge that does not write the log is never trusted): every read
 * then goes to MongoDB.
 */
@ApplicationScoped
public class CacheSync {

    private static final Logger LOG = Logger.getLogger(CacheSync.class);

    /** Windows read in one step before the step gives up claiming anything new (the next poll goes on). */
    static final int MAX_WINDOWS_PER_STEP = 16;

    private final DocumentCache cache;
    private final InvalidationStore log;
    private final Duration readTimeout;
    private final long gapCheckNanos;
    private final InvalidationFollower follower;
    private final Counter restarts;

    // Only touched by the one step in flight (the watcher's poll chain orders the steps).
    private long lastGapCheck = System.nanoTime();
    private boolean failing;
    private boolean waitingForLogReported;
    /** The checkpoints the last caught-up step published; empty while not following. */
    private Map<String, Checkpoint> published = Map.of();

    CacheSync(DocumentCache cache, InvalidationStore log, ReadApiConfig config, MeterRegistry registry) {
        this.cache = cache;
        this.log = log;
        this.readTimeout = config.consistency().pollTimeout();
        this.gapCheckNanos = config.cache().gapCheckInterval().toNanos();
        this.follower = new InvalidationFollower(cache::invalidate);
        this.restarts = Counter.builder("readmodel.cache.restarts")
                .description("Times the document cache was emptied because the invalidation log could not be followed")
                .register(registry);
    }

    /** How often the cache was emptied because the log could not be followed (gap, failure, overflow). */
    public long restarts() {
        return (long) restarts.count();
    }

    /** Whether the cache is on at all; without it nothing here runs. */
    public boolean enabled() {
        return cache.enabled();
    }

    /**
     * One step, given the checkpoints just read (every projection's). Never fails: a failure restarts the
     * following and is logged.
     */
    public Uni<Void> step(Map<String, Checkpoint> checkpoints) {
        if (!cache.enabled() || (follower.following() && checkpoints.equals(published) && !gapCheckDue())) {
            return Uni.createFrom().voidItem();
        }
        if (follower.following() && !checkpoints.keySet().containsAll(published.keySet())) {
            // its read model is being loaded again: the load writes no entries, so nothing cached of it may stay
            restart("a projection's checkpoint is gone (its read model is loaded again)");
        }
        Uni<Boolean> following = follower.following() ? Uni.createFrom().item(true) : start();
        return following
                .chain(started -> started ? readWindows(checkpoints, 1) : Uni.createFrom().voidItem())
                .onFailure().recoverWithItem(failure -> {
                    restart("cannot read the invalidation log: " + failure);
                    return null;
                });
    }

    private Uni<Boolean> start() {
        cache.clear();
        return timed(log.newestSequence()).chain(newest -> {
            if (newest.isEmpty()) {
                if (!waitingForLogReported) {
                    waitingForLogReported = true;
                    LOG.infof("the %s log is empty: documents are read from MongoDB until the bridge writes it",
                            InvalidationEntry.COLLECTION);
                }
                return Uni.createFrom().item(false);
            }
            long first = Math.max(1, newest.get() - InvalidationFollower.WINDOW + 1);
            return timed(log.window(first, (int) (newest.get() - first + 1))).map(recent -> {
                follower.startAfter(newest.get(), recent);
                lastGapCheck = System.nanoTime();
                failing = false;
                LOG.infof("document cache follows the %s log after entry %d", InvalidationEntry.COLLECTION,
                        newest.get());
                return true;
            });
        });
    }

    private Uni<Void> readWindows(Map<String, Checkpoint> checkpoints, int window) {
        boolean checkGap = gapCheckDue();
        Uni<Optional<Long>> newest = checkGap ? timed(log.newestSequence()) : Uni.createFrom().item(Optional.empty());
        return newest
                .chain(newestSequence -> timed(log.window(follower.next(), InvalidationFollower.WINDOW))
                        .map(entries -> follower.add(entries, newestSequence)))
                .chain(outcome -> {
                    if (checkGap) {
                        lastGapCheck = System.nanoTime();
                    }
                    switch (outcome) {
                        case MORE:
                            if (window < MAX_WINDOWS_PER_STEP) {
                                return readWindows(checkpoints, window + 1);
                            }
                            follower.settle(checkpoints); // not caught up: the validity stays where it was
                            return Uni.createFrom().voidItem();
                        case CAUGHT_UP:
                            follower.settle(checkpoints);
                            cache.publish(checkpoints);
                            published = Map.copyOf(checkpoints);
                            return Uni.createFrom().voidItem();
                        case GAP:
                            restart("entry " + follower.next() + " of the invalidation log is gone (pruned while"
                                    + " read-api was behind)");
                            return Uni.createFrom().voidItem();
                        default:
                            restart(follower.openEntries() + " invalidation entries wait for checkpoints that do not"
                                    + " reach them");
                            return Uni.createFrom().voidItem();
                    }
                });
    }

    /**
     * Whether the newest entry is to be looked up again: a window read after entries were pruned past read-api's
     * position finds nothing and looks caught up, so only that lookup reveals such a gap, checkpoints moving or not.
     */
    private boolean gapCheckDue() {
        return System.nanoTime() - lastGapCheck >= gapCheckNanos;
    }

    private void restart(String reason) {
        if (!failing) {
            failing = true;
            LOG.warnf("document cache emptied, following the invalidation log afresh: %s", reason);
        }
        follower.stop();
        cache.clear();
        published = Map.of();
        restarts.increment();
    }

    private <T> Uni<T> timed(Uni<T> read) {
        return read.ifNoItem().after(readTimeout).fail();
    }
}
