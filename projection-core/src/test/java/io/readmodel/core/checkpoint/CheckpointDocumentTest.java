package io.readmodel.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.readmodel.core.position.Lsn;
import io.readmodel.core.position.Position;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointDocumentTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void eventsAppliedRoundTripsAndIsOptional() {
        Checkpoint checkpoint = new Checkpoint("orders", Lsn.parse("0/16B3748"), Position.parse("0/16B3748#3"), T, T, T, 42L);
        Map<String, Object> stored = new HashMap<>(CheckpointDocument.toFields(checkpoint));
        stored.put("_id", "orders");
        assertThat(CheckpointDocument.fromDocument(stored)).isEqualTo(checkpoint);

        stored.remove("eventsApplied");
        assertThat(CheckpointDocument.fromDocument(stored).eventsApplied()).isNull();
        Checkpoint older = new Checkpoint("orders", Lsn.parse("0/16B3748"), Position.parse("0/16B3748#3"), T, T, T);
        assertThat(CheckpointDocument.toFields(older)).doesNotContainKey("eventsApplied");
    }

    @Test
    void bridgeStatusRoundTripsWithSnapshotProgress() {
        BridgeStatus status = new BridgeStatus("readmodel", true, T, null, new BridgeStatus.Snapshot(true, T.minusSeconds(10), null,
                List.of(new BridgeStatus.TableProgress("orders", 1000, 1000, true),
                        new BridgeStatus.TableProgress("order_lines", 1000, 3000, false))));
        Map<String, Object> stored = new HashMap<>(BridgeStatusDocument.toFields(status));
        stored.put("_id", "readmodel");
        BridgeStatus read = BridgeStatusDocument.fromDocument(stored);
        assertThat(read).isEqualTo(status);
        assertThat(read.snapshot().rowsDone()).isEqualTo(2000);
        assertThat(read.snapshot().rowsExpected()).isEqualTo(4000);
        assertThat(read.snapshot().rowsPerSecond(T)).isEqualTo(200.0);
        assertThat(read.snapshot().timeLeft(T)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aStatusNotRewrittenRecentlyMeansNotStreaming() {
        BridgeStatus status = new BridgeStatus("readmodel", true, T, null, null);
        assertThat(status.isStreaming(T.plusSeconds(2), Duration.ofSeconds(5))).isTrue();
        assertThat(status.isStreaming(T.plusSeconds(6), Duration.ofSeconds(5))).isFalse();
        assertThat(BridgeStatusDocument.fromDocument(Map.of("_id", "x")).streaming()).isFalse();
    }
}
