package io.readmodel.readapi.customer;

import io.readmodel.readapi.http.VersionedView;
import io.readmodel.readapi.store.LiveDocuments;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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

    /** The live customer with this id, if any. */
    Uni<Optional<VersionedView<CustomerProfile>>> findLive(long id) {
        return documents.findByKey(PROJECTION, List.of(id), CustomerDocuments.PROJECTION)
                .map(found -> found.map(CustomerDocuments::toVersioned));
    }
}
