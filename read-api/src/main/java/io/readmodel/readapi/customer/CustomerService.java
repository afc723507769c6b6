package io.readmodel.readapi.customer;

import io.readmodel.core.checkpoint.Checkpoint;
import io.readmodel.readapi.http.CachedView;
import io.readmodel.readapi.http.VersionedView;
import io.readmodel.readapi.store.LiveDocuments;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Queries the {@code customers} read model; only live documents exist for clients. */
@ApplicationScoped
public class CustomerService {

    /** The projection (and collection) serving customers. */
    public static final String PROJECTION = "customers";

    private final LiveDocuments documents;

    CustomerService(LiveDocuments documents) {
        this.documents = documents;
    }

    /** {@link CustomerResource}'s {@code GET /customers/{id}} answer, for the cache's fast lane. */
    @Produces
    @Singleton
    static CachedView cachedCustomer() {
        return new CachedView("/customers/:id", PROJECTION, document -> CustomerDocuments.toVersioned(document).view());
    }

    /** The live customer with this id, if any, at least as new as {@code applied} (a token's checkpoint). */
    Uni<Optional<VersionedView<CustomerProfile>>> findLive(long id, Optional<Checkpoint> applied) {
        return documents.findByKey(PROJECTION, List.of(id), CustomerDocuments.PROJECTION, applied)
                .map(found -> found.map(CustomerDocuments::toVersioned));
    }
}
