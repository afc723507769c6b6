package io.readmodel.readapi.order;

import static com.mongodb.client.model.Filters.eq;

import io.readmodel.core.checkpoint.Checkpoint;
import io.readmodel.readapi.http.CachedView;
import io.readmodel.readapi.http.VersionedView;
import io.readmodel.readapi.query.KeysetCursor;
import io.readmodel.readapi.query.SortKey;
import io.readmodel.readapi.query.SortOrder;
import io.readmodel.readapi.store.LiveDocuments;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Queries the {@code orders} read model; only live documents ({@code _meta.live == true}) exist for clients. */
@ApplicationScoped
public class OrderService {

    /** The projection (and collection) serving orders. */
    public static final String PROJECTION = "orders";

    /** A customer's orders: newest first, then {@code _id} desc (the index {@code ReadModelIndexes} creates). */
    static final SortOrder NEWEST_FIRST = SortOrder.of(new SortKey("placedAt", false));

    private final LiveDocuments documents;

    OrderService(LiveDocuments documents) {
        this.documents = documents;
    }

    /** {@link OrderResource}'s {@code GET /orders/{id}} answer, for the cache's fast lane. */
    @Produces
    @Singleton
    static CachedView cachedOrder() {
        return new CachedView("/orders/:id", PROJECTION, OrderDocuments::toView);
    }

    /** The live order with this id, if any, at least as new as {@code applied} (a token's checkpoint). */
    Uni<Optional<VersionedView<OrderView>>> findLive(long id, Optional<Checkpoint> applied) {
        return documents.findByKey(PROJECTION, List.of(id), OrderDocuments.PROJECTION, applied)
                .map(found -> found.map(OrderDocuments::toVersioned));
    }

    /**
     * One page of a customer's live orders, newest first ({@code placedAt} desc, then {@code _id} desc), starting
     * strictly after {@code after} when given.
     */
    Uni<OrderPage> findByCustomer(long customerId, int limit, Optional<KeysetCursor> after) {
        return documents.findPage(PROJECTION, eq("customer.id", customerId), NEWEST_FIRST, limit, after,
                        OrderDocuments.PROJECTION)
                .map(page -> new OrderPage(page.documents().stream().map(OrderDocuments::toView).toList(),
                        page.nextCursor()));
    }
}
