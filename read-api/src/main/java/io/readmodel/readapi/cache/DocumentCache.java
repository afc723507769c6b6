package io.readmodel.readapi.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.readmodel.core.checkpoint.Checkpoint;
import io.readmodel.core.position.Lsn;
import io.readmodel.readapi.ReadApiConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * Documents read by key, kept in memory (Caffeine, bounded), with "no such live document" answers too, and for each
 * projection the checkpoint through which they are valid.
 *
 * <p>A projection is served from the cache only while {@link CacheSync} follows the bridge's invalidation log and
 * has published a checkpoint for it: every cached document of the projection then reflects at least every change
 * that checkpoint covers. Loads are asynchronous cache entries (futures): dropping a key removes a load in flight
 * with it, so a load that raced an invalidation (and may have read the old version) is handed to the requests that
 * were already waiting for it but never stays in the cache. Hits, misses and evictions are metrics
 * ({@code cache_gets_total{cache="documents"}} and the rest of Micrometer's Caffeine binder).
 */
@ApplicationScoped
public class DocumentCache {

    /** A document of a projection; numeric ids are normalized (int32, int64, integral doubles alike). */
    record Key(String projection, Object id) {
    }

    private final boolean enabled;
    private final AsyncCache<Key, Optional<CachedDocument>> documents;
    private final Map<String, Checkpoint> validThrough = new ConcurrentHashMap<>();

    @Inject
    DocumentCache(ReadApiConfig config, MeterRegistry registry) {
        this(config.cache().enabled(), config.cache().maxDocuments());
        CaffeineCacheMetrics.monitor(registry, documents, "documents");
    }

    DocumentCache(boolean enabled, long maxDocuments) {
        this.enabled = enabled;
        this.documents = Caffeine.newBuilder().maximumSize(Math.max(1, maxDocuments)).recordStats().buildAsync();
    }

    /** Whether the cache is configured on ({@code readapi.cache.enabled}). */
    public boolean enabled() {
        return enabled;
    }

    /** The checkpoint through which the projection's cached documents are valid, while the cache serves it. */
    public Optional<Checkpoint> validThrough(String projection) {
        return Optional.ofNullable(validThrough.get(projection));
    }

    /** Whether reads of the projection that must reflect at least {@code atLeast} may be answered from the cache. */
    public boolean serves(String projection, Lsn atLeast) {
        Checkpoint valid = validThrough.get(projection);
        return valid != null && valid.appliedLsn().isAtOrAfter(atLeast);
    }

    /**
     * The cached answer for a document, loading it with {@code load} when absent (concurrent requests share one load).
     * Call only after {@link #serves} said yes.
     */
    public Uni<Optional<Document>> get(String projection, Object id, Supplier<Uni<Optional<Document>>> load) {
        return Uni.createFrom().completionStage(() -> documents.get(new Key(projection, normalize(id)),
                        (key, executor) -> load.get().map(found -> found.map(CachedDocument::new))
                                .subscribeAsCompletionStage()))
                .map(found -> found.map(CachedDocument::document));
    }

    /**
     * The live document with this key if the cache serves its projection and has it loaded already: never loads,
     * never waits. Empty when the answer would need MongoDB, a load in flight, or says there is no such document.
     */
    public Optional<CachedDocument> loaded(String projection, Object id) {
        if (!serves(projection, Lsn.ZERO)) {
            return Optional.empty();
        }
        CompletableFuture<Optional<CachedDocument>> entry = documents.getIfPresent(new Key(projection, normalize(id)));
        return entry == null || !entry.isDone() || entry.isCompletedExceptionally()
                ? Optional.empty()
                : entry.getNow(Optional.empty());
    }

    /** Drops documents of a projection, loads in flight included. */
    void invalidate(String projection, List<Object> ids) {
        List<Key> keys = new ArrayList<>(ids.size());
        ids.forEach(id -> keys.add(new Key(projection, normalize(id))));
        documents.synchronous().invalidateAll(keys);
    }

    /** Declares the cache valid through these checkpoints (call after the invalidations they require). */
    void publish(Map<String, Checkpoint> checkpoints) {
        validThrough.keySet().retainAll(checkpoints.keySet());
        validThrough.putAll(checkpoints);
    }

    /** Stops serving from the cache and empties it, loads in flight included. */
    void clear() {
        validThrough.clear();
        documents.synchronous().invalidateAll();
    }

    /** How many answers are cached (an estimate). */
    public long size() {
        return documents.synchronous().estimatedSize();
    }

    /** One key per MongoDB-equal {@code _id}: numbers that are whole become int64 (MongoDB compares numbers by value). */
    static Object normalize(Object id) {
        if (id instanceof Long || id instanceof Integer || id instanceof Short || id instanceof Byte) {
            return ((Number) id).longValue();
        }
        if (id instanceof Double || id instanceof Float) {
            double value = ((Number) id).doubleValue();
            if (value == Math.rint(value) && Math.abs(value) < 0x1p63) {
                return (long) value;
            }
            return value;
        }
        if (id instanceof Decimal128 decimal && decimal.isFinite()) {
            return normalizeExact(decimal.bigDecimalValue());
        }
        if (id instanceof BigDecimal exact) {
            return normalizeExact(exact);
        }
        return id;
    }

    private static Object normalizeExact(BigDecimal exact) {
        try {
            return exact.longValueExact();
        } catch (ArithmeticException e) {
            return exact.stripTrailingZeros();
        }
    }
}
