package io.readmodel.readapi.order;

import io.readmodel.readapi.http.CachedView;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

/** {@link OrderResource}'s {@code GET /orders/{id}} answer, for the cache's fast lane. */
@ApplicationScoped
class OrderCachedView implements CachedView {

    @Override
    public String path() {
        return "/orders/:id";
    }

    @Override
    public String projection() {
        return OrderService.PROJECTION;
    }

    @Override
    public Object view(Document document) {
        return OrderDocuments.toView(document);
    }
}
