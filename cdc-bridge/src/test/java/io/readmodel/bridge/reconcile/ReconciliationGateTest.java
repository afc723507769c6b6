package io.readmodel.bridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReconciliationGateTest {

    private final ReconciliationGate gate = new ReconciliationGate(Clock.fixed(Instant.parse("2026-12-07T13:00:00Z"), ZoneOffset.UTC));

    @Test
    void aReconciliationAskedForWhileAnotherRunsIsRefusedNamingTheOneThatRuns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> gate.run("orders", () -> {
            started.countDown();
            await(release);
            return "orders reconciled";
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> gate.run("customers", () -> "customers reconciled"))
                .isInstanceOf(ReconciliationBusyException.class)
                .hasMessage("a reconciliation of 'orders' is running since 2026-12-07T13:00:00Z; try again when it has ended");

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("orders reconciled");
        assertThat(gate.run("customers", () -> "customers reconciled")).isEqualTo("customers reconciled");
    }

    @Test
    void aReconciliationThatFailsLetsTheNextOneRun() {
        assertThatThrownBy(() -> gate.run("orders", () -> {
            throw new IllegalStateException("source down");
        })).hasMessage("source down");

        assertThat(gate.run("orders", () -> "reconciled")).isEqualTo("reconciled");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
