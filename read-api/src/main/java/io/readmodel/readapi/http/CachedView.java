package io.readmodel.readapi.http;

import java.util.function.Function;
import org.bson.Document;

/**
 * A read by key that {@link RenderedReadRoutes} may answer straight from the document cache, without the REST
 * layer: the same answer as its JAX-RS resource gives for a plain {@code GET} (no consistency token, no query).
 * Resources' services produce one each ({@code @Produces}).
 *
 * @param path the route, Vert.x style, with the key as {@code :id} (a decimal int64), e.g. {@code /orders/:id}
 * @param projection the projection the documents come from
 * @param view what the resource answers for a live document (serialized with the application's Jackson mapper)
 */
public record CachedView(String path, String projection, Function<Document, Object> view) {
}
