package io.readmodel.readapi.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import io.quarkus.mongodb.FindOptions;
import io.readmodel.core.checkpoint.Checkpoint;
import io.readmodel.core.position.Lsn;
import io.readmodel.readapi.cache.DocumentCache;
import io.readmodel.readapi.query.KeysetCursor;
import io.readmodel.readapi.query.SortOrder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Reads the documents of any projection that exist for clients: only live ones ({@code _meta.live == true}), by
 * key or as keyset-paginated pages. Every read is non-blocking. Reads by key go through the {@link DocumentCache}
 * when it serves the projection at the position the read must reflect; pages always read MongoDB.
 */
@ApplicationScoped
public class LiveDocuments {

    /** The condition every client read carries. */
    public static final Bson LIVE = eq("_meta.live", true);

    /**
     * What the cache keeps of a document: everything but the bridge's bookkeeping (its components
     * {@code _meta.c}, references {@code _meta.refs}, pending components {@code _meta.pd}); every selection of a read by
     * key is applied to it in memory.
     */
    public static final FieldSelection CACHED_FIELDS = FieldSelection.exclude("_meta.c", "_meta.refs", "_meta.pd");

    private final ReadModelStore store;
    private final DocumentCache cache;

    LiveDocuments(ReadModelStore store, DocumentCache cache) {
        this.store = store;
        this.cache = cache;
    }

    /**
     * The live document whose {@code _id} is one of {@code keys}, the earlier key preferred when several match. From
     * MongoDB in one query for every form of the key, or from the document cache (one entry per form, the later ones
     * looked up only when the earlier are absent) when it serves the projection at {@code applied}.
     *
     * @param fields the fields to read
     * @param applied the checkpoint the answer must reflect at least (the one a consistency token waited for and
     *     {@code X-Applied-Position} names), if any
     */
    public Uni<Optional<Document>> findByKey(String projection, List<Object> keys, FieldSelection fields,
            Optional<Checkpoint> applied) {
        Lsn atLeast = applied.map(Checkpoint::appliedLsn).orElse(Lsn.ZERO);
        if (cache.serves(projection, atLeast) && fields.isWithin(CACHED_FIELDS)) {
            return cached(projection, keys, 0).map(found -> found.map(fields::apply));
        }
        Bson byKey = keys.size() == 1 ? eq("_id", keys.get(0)) : in("_id", keys);
        return store.collection(projection)
                .find(and(byKey, LIVE), new FindOptions().projection(fields.bson()).limit(keys.size()))
                .collect().asList()
                .map(found -> preferred(found, keys));
    }

    private Uni<Optional<Document>> cached(String projection, List<Object> keys, int index) {
        Object key = keys.get(index);
        return cache.get(projection, key, () -> store.collection(projection)
                        .find(and(eq("_id", key), LIVE), new FindOptions().projection(CACHED_FIELDS.bson()).limit(1))
                        .collect().first()
                        .map(Optional::ofNullable))
                .chain(found -> found.isPresent() || index + 1 == keys.size()
                        ? Uni.createFrom().item(found)
                        : cached(projection, keys, index + 1));
    }

    /**
     * One page of the live documents meeting {@code filter}, in {@code order}, strictly after {@code after} when
     * given. Reads one document more than the page to know whether another page follows.
     *
     * @param fields the projection of the fields to read; it must keep the sort fields
     */
    public Uni<DocumentPage> findPage(String projection, Bson filter, SortOrder order, int limit,
            Optional<KeysetCursor> after, FieldSelection fields) {
        List<Bson> conditions = new ArrayList<>(List.of(LIVE, filter));
        after.ifPresent(cursor -> conditions.add(cursor.strictlyAfter(order)));
        return store.collection(projection)
                .find(and(conditions), new FindOptions().projection(fields.bson()).sort(order.bson()).limit(limit + 1))
                .collect().asList()
                .map(found -> DocumentPage.of(found, limit, order));
    }

    private static Optional<Document> preferred(List<Document> found, List<Object> keys) {
        for (Object key : keys) {
            for (Document document : found) {
                if (sameKey(document.get("_id"), key)) {
                    return Optional.of(document);
                }
            }
        }
        return found.stream().findFirst();
    }

    /** int32 and int64 alike: the stand-in and other writers may narrow small numbers. */
    private static boolean sameKey(Object stored, Object wanted) {
        if (stored instanceof Number a && wanted instanceof Number b) {
            return a.longValue() == b.longValue();
        }
        return Objects.equals(stored, wanted);
    }
}
