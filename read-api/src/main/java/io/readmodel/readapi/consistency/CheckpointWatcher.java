package io.readmodel.readapi.consistency;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.readmodel.core.checkpoint.Checkpoint;
import io.readmodel.core.position.ConsistencyToken;
import io.readmodel.core.position.Lsn;
import io.readmodel.readapi.ReadApiConfig;
import io.readmodel.readapi.cache.CacheSync;
import io.readmodel.readapi.cache.DocumentCache;
import io.readmodel.readapi.problem.Problem;
import io.readmodel.readapi.problem.ProblemException;
import io.readmodel.readapi.store.CheckpointStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Knows how far every projection has got and wakes requests waiting for a consistency token, without holding a
 * thread for any of them.
 *
 * <p>One poll loop reads the {@code checkpoints} collection with the reactive client, on Vert.x timers: every
 * {@code readapi.consistency.poll-interval} while requests wait, every {@code idle-poll-interval} otherwise (which
 * keeps the staleness gauges fresh). A waiter is a Mutiny emitter kept in memory; the poll that shows its token
 * applied completes it (on the request's own Vert.x context), its own timer fails it when the bound passes.
 * Registering a waiter wakes an idle loop at once, so a token that is already applied costs one read.
 *
 * <p>With the document cache on ({@code readapi.cache.enabled}), every poll also steps the {@link CacheSync} (the
 * invalidation log) before it wakes anyone, and polls every {@code readapi.cache.poll-interval} even while nobody
 * waits. Reads by key then answer from the cache, so their tokens wait for the position the cache is valid through
 * ({@link #awaitReadableByKey}), not only for the checkpoint; {@link #served} is what staleness is measured on.
 */
@ApplicationScoped
public class CheckpointWatcher {

    private static final Logger LOG = Logger.getLogger(CheckpointWatcher.class);

    private final Vertx vertx;
    private final CheckpointStore checkpoints;
    private final Event<ProjectionDiscovered> discovered;
    private final ReadApiConfig.Consistency config;
    private final CacheSync cacheSync;
    private final DocumentCache cache;
    private final Duration idleDelay;

    private final Map<String, Checkpoint> latest = new ConcurrentHashMap<>();
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();

    // The poll loop's state, guarded by "this": at most one read in flight and one timer pending.
    private long pendingTimer = -1;
    private boolean pendingIsFast;
    private boolean pollInFlight;
    private boolean stopped;
    private volatile boolean failing;

    CheckpointWatcher(Vertx vertx, CheckpointStore checkpoints, Event<ProjectionDiscovered> discovered,
            ReadApiConfig config, CacheSync cacheSync, DocumentCache cache) {
        this.vertx = vertx;
        this.checkpoints = checkpoints;
        this.discovered = discovered;
        this.config = config.consistency();
        this.cacheSync = cacheSync;
        this.cache = cache;
        this.idleDelay = cache.enabled() ? config.cache().pollInterval() : this.config.idlePollInterval();
    }

    void start(@Observes StartupEvent event) {
        wake();
    }

    void stop(@Observes ShutdownEvent event) {
        synchronized (this) {
            stopped = true;
            if (pendingTimer >= 0) {
                vertx.cancelTimer(pendingTimer);
                pendingTimer = -1;
            }
        }
        ProblemException shuttingDown = new ProblemException(new Problem(Problem.TYPE_BASE + "shutting-down",
                "Shutting down", 503, "read-api is stopping; retry against another instance.", null),
                Map.of("Retry-After", "1"));
        waiters.forEach(waiter -> waiter.fail(shuttingDown));
    }

    /** The last checkpoint read for a projection, if any (at most one poll interval old). */
    public Optional<Checkpoint> latest(String projection) {
        return Optional.ofNullable(latest.get(projection));
    }

    /**
     * What a read by key of the projection reflects at least: the checkpoint the document cache is valid through
     * while it serves the projection, otherwise the last checkpoint read (reads then go to MongoDB). Staleness is
     * measured on it.
     */
    public Optional<Checkpoint> served(String projection) {
        Optional<Checkpoint> cached = cache.validThrough(projection);
        return cached.isPresent() ? cached : latest(projection);
    }

    /**
     * Completes with the projection's checkpoint once it has applied the token: at once when the last read
     * checkpoint already shows it, otherwise when a poll does, or fails with {@link ConsistencyTimeoutException}
     * after {@code maxWait}. Cancelling the subscription forgets the waiter. For queries, which always read MongoDB.
     */
    public Uni<Checkpoint> awaitApplied(String projection, ConsistencyToken token, Duration maxWait) {
        return await(projection, token, maxWait, false);
    }

    /**
     * Like {@link #awaitApplied}, for reads by key: completes with {@link #served} once it has reached the token, so
     * that an answer from the document cache is as new as the token (and as the checkpoint returned).
     */
    public Uni<Checkpoint> awaitReadableByKey(String projection, ConsistencyToken token, Duration maxWait) {
        return await(projection, token, maxWait, true);
    }

    private Optional<Checkpoint> reached(String projection, boolean byKey) {
        return byKey ? served(projection) : latest(projection);
    }

    private Uni<Checkpoint> await(String projection, ConsistencyToken token, Duration maxWait, boolean byKey) {
        return Uni.createFrom().emitter(emitter -> {
            Checkpoint known = reached(projection, byKey).orElse(null);
            if (known != null && token.isSatisfiedBy(known.appliedLsn())) {
                emitter.complete(known);
                return;
            }
            Waiter waiter = new Waiter(projection, token, byKey, emitter, Vertx.currentContext());
            emitter.onTermination(waiter::forget);
            waiters.add(waiter);
            waiter.timer = vertx.setTimer(Math.max(1, maxWait.toMillis()), id -> expire(waiter, maxWait));
            wake();
        });
    }

    /** Reads the checkpoints now unless a read is in flight or a fast poll is due anyway. */
    private void wake() {
        synchronized (this) {
            if (stopped || pollInFlight || (pendingTimer >= 0 && pendingIsFast)) {
                return;
            }
            if (pendingTimer >= 0) {
                vertx.cancelTimer(pendingTimer);
                pendingTimer = -1;
            }
            pollInFlight = true;
        }
        poll();
    }

    private void onTimer(long id) {
        synchronized (this) {
            if (id != pendingTimer || stopped) {
                return; // a timer cancelled too late to stop it firing
            }
            pendingTimer = -1;
            pollInFlight = true;
        }
        poll();
    }

    private void poll() {
        checkpoints.findAll()
                .ifNoItem().after(config.pollTimeout()).fail()
                .subscribe().with(this::onPolled, this::onPollFailed);
    }

    private void onPolled(List<Checkpoint> read) {
        if (failing) {
            failing = false;
            LOG.info("checkpoints readable again");
        }
        Map<String, Checkpoint> current = new HashMap<>();
        for (Checkpoint checkpoint : read) {
            current.put(checkpoint.projection(), checkpoint);
            if (latest.put(checkpoint.projection(), checkpoint) == null) {
                discovered.fire(new ProjectionDiscovered(checkpoint.projection()));
            }
        }
        if (cacheSync.enabled()) {
            cacheSync.step(current).subscribe().with(ignored -> wakeWaitersAndReschedule(),
                    failure -> wakeWaitersAndReschedule()); // step never fails; belt and braces
        } else {
            wakeWaitersAndReschedule();
        }
    }

    private void wakeWaitersAndReschedule() {
        for (Waiter waiter : waiters) {
            Checkpoint checkpoint = reached(waiter.projection, waiter.byKey).orElse(null);
            if (checkpoint != null && waiter.token.isSatisfiedBy(checkpoint.appliedLsn())) {
                waiter.complete(checkpoint);
            }
        }
        scheduleNextPoll();
    }

    private void onPollFailed(Throwable failure) {
        if (!failing) {
            failing = true;
            LOG.warnf("cannot read the checkpoints (will keep trying): %s", failure.toString());
        }
        scheduleNextPoll();
    }

    private synchronized void scheduleNextPoll() {
        pollInFlight = false;
        if (stopped) {
            return;
        }
        Duration delay = waiters.isEmpty() ? idleDelay : config.pollInterval();
        pendingIsFast = delay.compareTo(config.pollInterval()) <= 0;
        pendingTimer = vertx.setTimer(Math.max(1, delay.toMillis()), this::onTimer);
    }

    private void expire(Waiter waiter, Duration waited) {
        Lsn applied = reached(waiter.projection, waiter.byKey).map(Checkpoint::appliedLsn).orElse(Lsn.ZERO);
        waiter.fail(new ConsistencyTimeoutException(waiter.projection, waiter.token, applied, waited));
    }

    /** One request waiting for a token; settled exactly once (applied, timed out, cancelled or shut down). */
    private final class Waiter {

        final String projection;
        final ConsistencyToken token;
        final boolean byKey;
        final UniEmitter<? super Checkpoint> emitter;
        final Context context;
        final AtomicBoolean settled = new AtomicBoolean();
        volatile long timer = -1;

        Waiter(String projection, ConsistencyToken token, boolean byKey, UniEmitter<? super Checkpoint> emitter,
                Context context) {
            this.projection = projection;
            this.token = token;
            this.byKey = byKey;
            this.emitter = emitter;
            this.context = context;
        }

        void complete(Checkpoint checkpoint) {
            if (settle()) {
                onRequestContext(() -> emitter.complete(checkpoint));
            }
        }

        void fail(Throwable failure) {
            if (settle()) {
                onRequestContext(() -> emitter.fail(failure));
            }
        }

        void forget() {
            settle();
        }

        private boolean settle() {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            waiters.remove(this);
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            return true;
        }

        private void onRequestContext(Runnable action) {
            if (context == null) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }
    }
}
