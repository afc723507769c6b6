package io.readmodel.bridge.reconcile;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Lets one reconciliation run at a time: each holds a whole projection's rows and documents in the heap, so two
 * at once could need twice the heap its budget allowed for. A request while one runs is refused at once (not
 * queued on a request thread), naming the one that runs.
 */
final class ReconciliationGate {

    private final ReentrantLock running = new ReentrantLock();
    private final Clock clock;
    private volatile Running current;

    /** The reconciliation in progress. */
    private record Running(String projection, Instant since) {
    }

    ReconciliationGate(Clock clock) {
        this.clock = clock;
    }

    /**
     * Runs a reconciliation of a projection unless another one runs.
     *
     * @throws ReconciliationBusyException while another reconciliation runs
     */
    <T> T run(String projection, Supplier<T> reconciliation) {
        if (!running.tryLock()) {
            Running other = current;
            throw new ReconciliationBusyException(other == null ? "another reconciliation is running; try again when it has ended"
                    : "a reconciliation of '" + other.projection() + "' is running since " + other.since() + "; try again when it has ended");
        }
        try {
            current = new Running(projection, clock.instant());
            return reconciliation.get();
        } finally {
            current = null;
            running.unlock();
        }
    }
}
