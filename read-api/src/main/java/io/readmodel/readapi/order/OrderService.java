package io.readmodel.readapi.order;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.readmodel.readapi.store.ReadModelStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Queries the {@code orders} read model; only live documents ({@code _meta.live == true}) exist for clients. */
@ApplicationScoped
public class OrderService {

    /** The projection (and collection) serving orders. */
    public static final String PROJECTION = "orders";

    private static final Bson LIVE = eq("_meta.live", true);
    private static final Bson NEWEST_FIRST = Sorts.descending("placedAt", "_id");

    private final ReadModelStore store;

    OrderService(ReadModelStore store) {
        this.store = store;
    }

    /** The live order with this id, if any. */
    Uni<Optional<StoredOrder>> findLive(long id) {
        return orders()
                .find(and(eq("_id", id), LIVE), new FindOptions().projection(OrderDocuments.PROJECTION).limit(1))
                .collect().first()
                .map(document -> Optional.ofNullable(document).map(OrderDocuments::toStored));
    }

    /**
     * One page of a customer's live orders, newest first ({@code placedAt} desc, then {@code _id} desc), starting
     * strictly after {@code after} when given. Reads one order more than the page to know whether another follows.
     */
    Uni<OrderPage> findByCustomer(long customerId, int limit, Optional<PageCursor> after) {
        List<Bson> conditions = new ArrayList<>(List.of(eq("customer.id", customerId), LIVE));
        after.ifPresent(cursor -> conditions.add(cursor.strictlyAfter()));
        return orders()
                .find(and(conditions), new FindOptions()
                        .projection(OrderDocuments.PROJECTION)
                        .sort(NEWEST_FIRST)
                        .limit(limit + 1))
                .map(OrderDocuments::toStored)
                .collect().asList()
                .map(found -> page(found, limit));
    }

    private static OrderPage page(List<StoredOrder> found, int limit) {
        List<StoredOrder> items = found.size() > limit ? found.subList(0, limit) : found;
        String next = found.size() > limit ? PageCursor.after(items.get(limit - 1)).encode() : null;
        return new OrderPage(items.stream().map(StoredOrder::view).toList(), next);
    }

    private ReactiveMongoCollection<Document> orders() {
        return store.collection(PROJECTION);
    }
}
