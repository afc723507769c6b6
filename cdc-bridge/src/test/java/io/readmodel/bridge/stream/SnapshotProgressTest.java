package io.readmodel.bridge.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.readmodel.core.checkpoint.BridgeStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotProgressTest {

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void aRunningSnapshotsLineSaysRowsDoneOfTotalRateTimeLeftAndEachTable() {
        BridgeStatus.Snapshot running = new BridgeStatus.Snapshot(true, START, null, List.of(
                new BridgeStatus.TableProgress("orders", 3000, 3000, true),
                new BridgeStatus.TableProgress("order_lines", 1000, 5000, false),
                new BridgeStatus.TableProgress("products", 0, -1, false)));

        assertThat(SnapshotProgress.describe(running, START.plusSeconds(10)))
                .isEqualTo("snapshot progress: 4000 of 8000 rows (50%), 400 rows/s, about 10 s left;"
                        + " orders 3000/3000 done order_lines 1000/5000 products 0/?");
    }

    @Test
    void aFinishedSnapshotsLineSaysHowLongItTook() {
        BridgeStatus.Snapshot finished = new BridgeStatus.Snapshot(false, START, START.plusMillis(2500), List.of(
                new BridgeStatus.TableProgress("orders", 500, 500, true)));

        assertThat(SnapshotProgress.describe(finished, START.plusSeconds(60)))
                .isEqualTo("snapshot progress: finished, 500 of 500 rows (100%), 200 rows/s in 2.5 s; orders 500/500 done");
    }
}
