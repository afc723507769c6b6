package io.readmodel.readapi.consistency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.readmodel.core.checkpoint.Checkpoint;
import io.readmodel.core.position.ConsistencyToken;
import io.readmodel.readapi.ReadApiConfig;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * Read-your-writes: holds a request back, without blocking a thread, until a projection has applied the
 * request's consistency token, or fails it with {@link ConsistencyTimeoutException} after the bound. Records the
 * {@code readmodel_consistency_wait_seconds} histogram and the {@code readmodel_consistency_timeouts_total}
 * counter.
 */
@Startup
@Singleton
public class ConsistencyService {

    /** The response header naming the applied LSN of the projection a token was checked against. */
    public static final String APPLIED_POSITION_HEADER = "X-Applied-Position";

    private final CheckpointWatcher watcher;
    private final Duration maxWait;
    private final Timer waits;
    private final Counter timeouts;

    ConsistencyService(CheckpointWatcher watcher, ReadApiConfig config, MeterRegistry registry) {
        this.watcher = watcher;
        this.maxWait = config.consistency().maxWait();
        this.waits = Timer.builder("readmodel.consistency.wait")
                .description("Time requests carrying a consistency token waited for their projection")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(maxWait.plusSeconds(1))
                .register(registry);
        this.timeouts = Counter.builder("readmodel.consistency.timeouts")
                .description("Requests answered 504 because their projection did not reach the token in time")
                .register(registry);
    }

    /**
     * Waits until {@code projection} has applied the request's token, if it carries one.
     *
     * @return the checkpoint that satisfied the token, or empty when the request carries none
     * @throws io.readmodel.readapi.problem.ProblemException 400 (thrown at once) when the token is malformed
     */
    public Uni<Optional<Checkpoint>> awaitToken(String projection, ConsistencyParams params) {
        return await(projection, params, false);
    }

    /**
     * For a read by key (which the document cache may answer): waits until what such a read reflects
     * ({@link CheckpointWatcher#served}) has reached the request's token, if it carries one. Pass the checkpoint
     * returned on to the read ({@code LiveDocuments.findByKey}): the answer is at least as new as it.
     *
     * @return the checkpoint that satisfied the token, or empty when the request carries none
     * @throws io.readmodel.readapi.problem.ProblemException 400 (thrown at once) when the token is malformed
     */
    public Uni<Optional<Checkpoint>> awaitTokenByKey(String projection, ConsistencyParams params) {
        return await(projection, params, true);
    }

    private Uni<Optional<Checkpoint>> await(String projection, ConsistencyParams params, boolean byKey) {
        Optional<ConsistencyToken> token = params.token();
        if (token.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        Duration wait = params.requestedWait().filter(requested -> requested.compareTo(maxWait) < 0).orElse(maxWait);
        long started = System.nanoTime();
        return (byKey ? watcher.awaitReadableByKey(projection, token.get(), wait)
                        : watcher.awaitApplied(projection, token.get(), wait))
                .onTermination().invoke(() -> waits.record(Duration.ofNanos(System.nanoTime() - started)))
                .onFailure(ConsistencyTimeoutException.class).invoke(() -> timeouts.increment())
                .map(Optional::of);
    }
}
