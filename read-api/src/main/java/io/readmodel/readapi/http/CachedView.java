package io.readmodel.readapi.http;

import org.bson.Document;

/**
 * A read by key that {@link RenderedReadRoutes} may answer straight from the document cache, without the REST
 * layer: the same answer as its JAX-RS resource gives for a plain {@code GET} (no consistency token, no query).
 */
public interface CachedView {

    /** The route, Vert.x style, with the key as {@code :id} (a decimal int64), e.g. {@code /orders/:id}. */
    String path();

    /** The projection the documents come from. */
    String projection();

    /** What the resource answers for a live document (serialized with the application's Jackson mapper). */
    Object view(Document document);
}
