package io.readmodel.bridge.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.readmodel.core.change.RowChange;
import io.readmodel.core.change.RowChange.Operation;
import io.readmodel.core.change.RowKey;
import io.readmodel.core.position.Lsn;
import io.readmodel.core.position.Position;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransactionAssemblerTest {

    private final TransactionAssembler assembler = new TransactionAssembler(null, null, null, null);

    @Test
    void changesTakeTheirTransactionsCommitLsnSoInterleavedTransactionsOrderByCommit() {
        // transaction A changed at 0x100 but committed at 0x500, after B (changed at 0x200, committed at 0x300)
        assembler.accept(new SourceEvent.Begin());
        assembler.accept(row("b", 0x200));
        assembler.accept(new SourceEvent.Commit(0x300, Instant.EPOCH));
        assembler.accept(new SourceEvent.Begin());
        assembler.accept(row("a", 0x100));
        assembler.accept(new SourceEvent.Commit(0x500, Instant.EPOCH));

        assertThat(assembler.drainReady()).extracting(RowChange::position)
                .containsExactly(Position.of(0x300, 0x200), Position.of(0x500, 0x100));
        assertThat(assembler.appliedLsn()).isEqualTo(new Lsn(0x500));
    }

    @Test
    void recordsMayBeMarkedProcessedOnlyAtCommitsAndSnapshotRows() {
        assertThat(assembler.accept(new SourceEvent.Message("readmodel.token", 0x50, ""))).isFalse();
        assertThat(assembler.accept(new SourceEvent.Begin())).isFalse();
        assertThat(assembler.accept(row("a", 0x100))).isFalse();
        assertThat(assembler.accept(new SourceEvent.Message(DebeziumProperties.HEARTBEAT_PREFIX, 0x110, "1000000"))).isFalse();
        assertThat(assembler.accept(new SourceEvent.Commit(0x200, Instant.EPOCH))).isTrue();
        assertThat(assembler.accept(new SourceEvent.Other())).isFalse();
        assertThat(assembler.accept(new SourceEvent.RowEvent(RowKey.of("t", "s"), Operation.READ, Map.of("id", "s"), Set.of(),
                0x40, Instant.EPOCH, true, false))).isTrue();
    }

    @Test
    void aHeartbeatAdvancesTheAppliedLsnAndTheSourceTime() {
        assembler.accept(new SourceEvent.Begin());
        assembler.accept(new SourceEvent.Message(DebeziumProperties.HEARTBEAT_PREFIX, 0x700, "1700000000000000"));
        assembler.accept(new SourceEvent.Commit(0x780, Instant.ofEpochSecond(1_700_000_000)));

        assertThat(assembler.appliedLsn()).isEqualTo(new Lsn(0x780));
        assertThat(assembler.heartbeatAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
        assertThat(assembler.sourceCommitTime()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
    }

    @Test
    void catchingUpWithANewerStoredCheckpointNeverGoesBack() {
        assembler.accept(new SourceEvent.Begin());
        assembler.accept(new SourceEvent.Commit(0x900, Instant.ofEpochSecond(10)));

        assembler.catchUp(new io.readmodel.core.checkpoint.Checkpoint("orders", new Lsn(0x500), Position.of(0x500, 0),
                Instant.ofEpochSecond(5), Instant.now(), null));
        assertThat(assembler.appliedLsn()).isEqualTo(new Lsn(0x900));

        assembler.catchUp(new io.readmodel.core.checkpoint.Checkpoint("orders", new Lsn(0xA00), Position.of(0xA00, 0),
                Instant.ofEpochSecond(20), Instant.now(), Instant.ofEpochSecond(20)));
        assertThat(assembler.appliedLsn()).isEqualTo(new Lsn(0xA00));
        assertThat(assembler.sourceCommitTime()).isEqualTo(Instant.ofEpochSecond(20));
    }

    private static SourceEvent.RowEvent row(String key, long lsn) {
        return new SourceEvent.RowEvent(RowKey.of("t", key), Operation.CREATE, Map.of("id", key), Set.of(), lsn, Instant.EPOCH, false, false);
    }
}
