package io.readmodel.readapi.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class DocumentCacheTest {

    private final DocumentCache cache = new DocumentCache(true, 100);
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void aLoadThatRacedAnInvalidationIsHandedToItsWaitersButNeverCached() throws Exception {
        CompletableFuture<Optional<Document>> slowRead = new CompletableFuture<>();
        CompletableFuture<Optional<Document>> racing = cache.get("orders", 1L, () -> load(slowRead))
                .subscribeAsCompletionStage();
        CompletableFuture<Optional<Document>> joining = cache.get("orders", 1L, () -> load(new CompletableFuture<>()))
                .subscribeAsCompletionStage();

        // the bridge's write lands and is invalidated while the read (which saw the old version) is in flight
        cache.invalidate("orders", List.of(1L));
        slowRead.complete(Optional.of(new Document("status", "OLD")));

        assertThat(racing.get(1, TimeUnit.SECONDS)).map(d -> d.get("status")).contains("OLD");
        assertThat(joining.get(1, TimeUnit.SECONDS)).map(d -> d.get("status")).contains("OLD");
        assertThat(loads).hasValue(1);
        Optional<Document> after = cache.get("orders", 1L, () -> load(done("NEW"))).await().indefinitely();
        assertThat(after).map(d -> d.get("status")).contains("NEW");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aCompletedLoadIsServedFromMemoryUntilInvalidated() {
        assertThat(cache.get("orders", 2L, () -> load(done("A"))).await().indefinitely()).isPresent();
        assertThat(cache.get("orders", 2L, () -> load(done("B"))).await().indefinitely())
                .map(d -> d.get("status")).contains("A");
        assertThat(loads).hasValue(1);

        cache.invalidate("orders", List.of(2));

        assertThat(cache.get("orders", 2L, () -> load(done("B"))).await().indefinitely())
                .map(d -> d.get("status")).contains("B");
        assertThat(loads).hasValue(2);
    }

    @Test
    void absentAnswersAreCachedAndInvalidatedLikeDocuments() {
        assertThat(cache.get("orders", 3L, () -> load(CompletableFuture.completedFuture(Optional.empty())))
                .await().indefinitely()).isEmpty();
        assertThat(cache.get("orders", 3L, () -> load(done("X"))).await().indefinitely()).isEmpty();

        cache.invalidate("orders", List.of(3L));

        assertThat(cache.get("orders", 3L, () -> load(done("X"))).await().indefinitely()).isPresent();
    }

    @Test
    void clearingDropsLoadsInFlightAndStopsServing() throws Exception {
        cache.publish(java.util.Map.of("orders", checkpoint()));
        assertThat(cache.serves("orders", io.readmodel.core.position.Lsn.ZERO)).isTrue();
        CompletableFuture<Optional<Document>> slowRead = new CompletableFuture<>();
        CompletableFuture<Optional<Document>> racing = cache.get("orders", 4L, () -> load(slowRead))
                .subscribeAsCompletionStage();

        cache.clear();
        slowRead.complete(Optional.of(new Document("status", "OLD")));

        assertThat(racing.get(1, TimeUnit.SECONDS)).isPresent();
        assertThat(cache.serves("orders", io.readmodel.core.position.Lsn.ZERO)).isFalse();
        assertThat(cache.get("orders", 4L, () -> load(done("NEW"))).await().indefinitely())
                .map(d -> d.get("status")).contains("NEW");
    }

    @Test
    void numericIdsOfEveryWidthAreOneKeyAndTextIsAnother() {
        assertThat(DocumentCache.normalize(42)).isEqualTo(42L);
        assertThat(DocumentCache.normalize(42.0)).isEqualTo(42L);
        assertThat(DocumentCache.normalize(new Decimal128(42))).isEqualTo(42L);
        assertThat(DocumentCache.normalize(42.5)).isEqualTo(42.5);
        assertThat(DocumentCache.normalize("42")).isEqualTo("42");
    }

    private Uni<Optional<Document>> load(CompletableFuture<Optional<Document>> read) {
        loads.incrementAndGet();
        return Uni.createFrom().completionStage(read);
    }

    private static CompletableFuture<Optional<Document>> done(String status) {
        return CompletableFuture.completedFuture(Optional.of(new Document("status", status)));
    }

    private static io.readmodel.core.checkpoint.Checkpoint checkpoint() {
        io.readmodel.core.position.Lsn lsn = new io.readmodel.core.position.Lsn(100);
        return new io.readmodel.core.checkpoint.Checkpoint("orders", lsn, new io.readmodel.core.position.Position(lsn, 0),
                java.time.Instant.now(), java.time.Instant.now(), null);
    }
}
