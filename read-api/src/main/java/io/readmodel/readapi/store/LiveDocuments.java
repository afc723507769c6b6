package io.readmodel.readapi.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import io.quarkus.mongodb.FindOptions;
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
 * key or as keyset-paginated pages. Every read is non-blocking.
 */
@ApplicationScoped
public class LiveDocuments {

    /** The condition every client read carries. */
    public static final Bson LIVE = eq("_meta.live", true);

    private final ReadModelStore store;

    LiveDocuments(ReadModelStore store) {
        this.store = store;
    }

    /**
     * The live document whose {@code _id} is one of {@code keys}, the earlier key preferred when several match (one
     * query for every form of the key).
     *
     * @param fields the projection of the fields to read
     */
    public Uni<Optional<Document>> findByKey(String projection, List<Object> keys, Bson fields) {
        Bson byKey = keys.size() == 1 ? eq("_id", keys.get(0)) : in("_id", keys);
        return store.collection(projection)
                .find(and(byKey, LIVE), new FindOptions().projection(fields).limit(keys.size()))
                .collect().asList()
                .map(found -> preferred(found, keys));
    }

    /**
     * One page of the live documents meeting {@code filter}, in {@code order}, strictly after {@code after} when
     * given. Reads one document more than the page to know whether another page follows.
     *
     * @param fields the projection of the fields to read; it must keep the sort fields
     */
    public Uni<DocumentPage> findPage(String projection, Bson filter, SortOrder order, int limit,
            Optional<KeysetCursor> after, Bson fields) {
        List<Bson> conditions = new ArrayList<>(List.of(LIVE, filter));
        after.ifPresent(cursor -> conditions.add(cursor.strictlyAfter(order)));
        return store.collection(projection)
                .find(and(conditions), new FindOptions().projection(fields).sort(order.bson()).limit(limit + 1))
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
