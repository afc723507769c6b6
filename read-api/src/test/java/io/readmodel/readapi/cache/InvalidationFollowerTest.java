package io.readmodel.readapi.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.readmodel.core.checkpoint.Checkpoint;
import io.readmodel.core.position.Lsn;
import io.readmodel.core.position.Position;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class InvalidationFollowerTest {

    private final List<String> dropped = new ArrayList<>();
    private final InvalidationFollower follower = new InvalidationFollower(
            (projection, ids) -> ids.forEach(id -> dropped.add(projection + ":" + id)));

    @Test
    void anEntryIsSettledPerProjectionOnlyOnceThatProjectionsCheckpointReachesIt() {
        follower.startAfter(0, List.of());

        assertThat(follower.add(List.of(entry(1, 100, "orders", 1L, "customers", 7L)), Optional.empty()))
                .isEqualTo(InvalidationFollower.Outcome.CAUGHT_UP);
        follower.settle(checkpoints("orders", 99, "customers", 99));
        assertThat(dropped).isEmpty();

        follower.settle(checkpoints("orders", 100, "customers", 99));
        assertThat(dropped).containsExactly("orders:1");

        follower.settle(checkpoints("orders", 100, "customers", 150));
        assertThat(dropped).containsExactly("orders:1", "customers:7");
        assertThat(follower.openEntries()).isZero();
        assertThat(follower.next()).isEqualTo(2);
    }

    @Test
    void aReplayedBatchWithALowerLsnIsNotHeldBackByTheHalfWrittenBatchBeforeIt() {
        follower.startAfter(0, List.of());
        // entry 1: a batch the crashed bridge never finished (LSN 500); entry 2: the new bridge replays from 400
        follower.add(List.of(entry(1, 500, "orders", 1L), entry(2, 450, "orders", 2L)), Optional.empty());

        follower.settle(checkpoints("orders", 450));

        // the cache is declared valid through 450, so order 2 (changed at or below 450) must be dropped now
        assertThat(dropped).containsExactly("orders:2");
        follower.settle(checkpoints("orders", 500));
        assertThat(dropped).containsExactly("orders:2", "orders:1");
    }

    @Test
    void aMissingEntryFollowedByALaterOneIsAGap() {
        follower.startAfter(10, List.of());

        assertThat(follower.add(List.of(entry(12, 100, "orders", 1L)), Optional.empty()))
                .isEqualTo(InvalidationFollower.Outcome.GAP);
    }

    @Test
    void aGapLongerThanAWindowShowsThroughTheNewestSequence() {
        follower.startAfter(10, List.of());

        assertThat(follower.add(List.of(), Optional.empty())).isEqualTo(InvalidationFollower.Outcome.CAUGHT_UP);
        assertThat(follower.add(List.of(), Optional.of(10L))).isEqualTo(InvalidationFollower.Outcome.CAUGHT_UP);
        assertThat(follower.add(List.of(), Optional.of(500L))).isEqualTo(InvalidationFollower.Outcome.GAP);
    }

    @Test
    void aFullWindowAsksForTheNextOne() {
        follower.startAfter(0, List.of());
        List<InvalidationEntry> full = LongStream.rangeClosed(1, InvalidationFollower.WINDOW)
                .mapToObj(sequence -> entry(sequence, sequence, "orders", sequence)).toList();

        assertThat(follower.add(full, Optional.empty())).isEqualTo(InvalidationFollower.Outcome.MORE);
        assertThat(follower.next()).isEqualTo(InvalidationFollower.WINDOW + 1);
    }

    @Test
    void startingOpensTheLastEntriesWhoseBatchesMayStillBeWriting() {
        follower.startAfter(8, List.of(entry(7, 70, "orders", 7L), entry(8, 80, "orders", 8L)));

        follower.settle(checkpoints("orders", 75));
        assertThat(dropped).containsExactly("orders:7");
        follower.settle(checkpoints("orders", 80));
        assertThat(dropped).containsExactly("orders:7", "orders:8");
        assertThat(follower.next()).isEqualTo(9);
    }

    @Test
    void entriesWaitingForACheckpointThatNeverComesOverflow() {
        follower.startAfter(0, List.of());
        InvalidationFollower.Outcome outcome = InvalidationFollower.Outcome.MORE;
        long sequence = 1;
        while (outcome == InvalidationFollower.Outcome.MORE) {
            List<InvalidationEntry> window = new ArrayList<>();
            for (int i = 0; i < InvalidationFollower.WINDOW; i++, sequence++) {
                window.add(entry(sequence, sequence, "gone", sequence));
            }
            outcome = follower.add(window, Optional.empty());
        }
        assertThat(outcome).isEqualTo(InvalidationFollower.Outcome.OVERFLOW);
    }

    private static InvalidationEntry entry(long sequence, long lsn, Object... documents) {
        Map<String, List<Object>> byProjection = new HashMap<>();
        for (int i = 0; i < documents.length; i += 2) {
            byProjection.put((String) documents[i], List.of(documents[i + 1]));
        }
        return new InvalidationEntry(sequence, lsn, byProjection);
    }

    private static Map<String, Checkpoint> checkpoints(Object... projectionsAndLsns) {
        Map<String, Checkpoint> checkpoints = new HashMap<>();
        for (int i = 0; i < projectionsAndLsns.length; i += 2) {
            String projection = (String) projectionsAndLsns[i];
            Lsn lsn = new Lsn(((Number) projectionsAndLsns[i + 1]).longValue());
            checkpoints.put(projection, new Checkpoint(projection, lsn, new Position(lsn, 0), Instant.now(),
                    Instant.now(), null));
        }
        return checkpoints;
    }
}
