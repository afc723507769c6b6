package io.readmodel.readapi.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bson.Document;

/**
 * A document the {@link DocumentCache} holds, with the response bodies rendered from it: each view is rendered once,
 * on its first use, and served as bytes until the document is invalidated (the entry goes with it).
 */
public final class CachedDocument {

    private final Document document;
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>(2);

    CachedDocument(Document document) {
        this.document = document;
    }

    /** The document as read (every field but the bridge's bulky bookkeeping); never modify it. */
    public Document document() {
        return document;
    }

    /** The body of a view (named by its route) of this document, rendered by {@code render} the first time. */
    public byte[] body(String view, Function<Document, byte[]> render) {
        return bodies.computeIfAbsent(view, unused -> render.apply(document));
    }
}
