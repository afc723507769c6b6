package io.readmodel.readapi.customer;

import io.readmodel.readapi.http.CachedView;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

/** {@link CustomerResource}'s {@code GET /customers/{id}} answer, for the cache's fast lane. */
@ApplicationScoped
class CustomerCachedView implements CachedView {

    @Override
    public String path() {
        return "/customers/:id";
    }

    @Override
    public String projection() {
        return CustomerService.PROJECTION;
    }

    @Override
    public Object view(Document document) {
        return CustomerDocuments.toVersioned(document).view();
    }
}
