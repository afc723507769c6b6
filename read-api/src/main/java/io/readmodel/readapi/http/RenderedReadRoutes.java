package io.readmodel.readapi.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.readmodel.core.position.ConsistencyToken;
import io.readmodel.readapi.ReadApiConfig;
import io.readmodel.readapi.cache.CachedDocument;
import io.readmodel.readapi.cache.DocumentCache;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * The fast lane of reads by key: a Vert.x route per {@link CachedView}, ahead of the REST layer, that answers a
 * plain {@code GET} on the event loop with the bytes rendered once per cached document version (ETag,
 * {@code If-None-Match} and headers as {@link DocumentResponses}). Anything it does not answer goes on, unchanged,
 * to the JAX-RS resource: a request with a query or a consistency token, a key that is not an int64, a document
 * the cache does not hold loaded (or holds as absent), a projection the cache does not serve. Not installed when
 * the cache is off or reads need a bearer token (the JAX-RS layer checks tokens).
 *
 * <p>Counts its answers in {@code readmodel_cache_rendered_reads_total}.
 */
@ApplicationScoped
public class RenderedReadRoutes {

    private static final Logger LOG = Logger.getLogger(RenderedReadRoutes.class);
    private static final String JSON = "application/json";
    private static final String NO_CACHE = "no-cache";

    private final DocumentCache cache;
    private final ObjectMapper mapper;
    private final Counter answered;

    RenderedReadRoutes(DocumentCache cache, ObjectMapper mapper, MeterRegistry registry) {
        this.cache = cache;
        this.mapper = mapper;
        this.answered = Counter.builder("readmodel.cache.rendered.reads")
                .description("Reads by key answered from the document cache's rendered bytes, ahead of the REST layer")
                .register(registry);
    }

    void install(@Observes Router router, ReadApiConfig config, Instance<CachedView> views) {
        if (!cache.enabled() || config.auth().required()) {
            return;
        }
        for (CachedView view : views) {
            router.get(view.path()).handler(context -> answer(context, view));
            LOG.debugf("GET %s answered from rendered cached documents when possible", view.path());
        }
    }

    private void answer(RoutingContext context, CachedView view) {
        HttpServerRequest request = context.request();
        Optional<CachedDocument> cached = request.query() == null
                && !request.headers().contains(ConsistencyToken.REQUEST_HEADER)
                ? key(context.pathParam("id")).flatMap(id -> cache.loaded(view.projection(), id))
                : Optional.empty();
        if (cached.isEmpty()) {
            context.next();
            return;
        }
        byte[] body;
        try {
            body = cached.get().body(view.path(), document -> render(view, document));
        } catch (UncheckedIOException e) {
            LOG.debugf(e, "left to the REST layer: %s", request.path());
            context.next();
            return;
        }
        String etag = DocumentResponses.etag(VersionedView.positionOf(cached.get().document()));
        HttpServerResponse response = context.response();
        if (etag != null) {
            response.putHeader(HttpHeaders.ETAG, etag);
        }
        response.putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE);
        answered.increment();
        if (etag != null && DocumentResponses.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatusCode(304).end();
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(Buffer.buffer(body));
        }
    }

    /** The key as the resources read it ({@link RequestValues#id}); anything else is theirs to answer. */
    private static Optional<Object> key(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private byte[] render(CachedView view, Document document) {
        try {
            return mapper.writeValueAsBytes(view.view().apply(document));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot render " + view.projection() + " document as JSON", e);
        }
    }
}
