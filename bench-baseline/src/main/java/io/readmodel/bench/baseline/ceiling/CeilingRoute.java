package io.readmodel.bench.baseline.ceiling;

import io.readmodel.bench.baseline.BaselineConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code GET /ceiling/orders/{id}}: the same bytes for every id, straight from a Vert.x route on the event loop (no
 * REST layer, no database, no JSON encoding). What this app's HTTP stack can serve at best on the machine: the
 * ceiling any {@code GET /orders/{id}} is measured against.
 */
@ApplicationScoped
public class CeilingRoute {

    /** The route's path; {@code :id} is ignored. */
    public static final String PATH = "/ceiling/orders/:id";

    /** A read-api order answer with three lines, used when no body file is configured. */
    static final String DEFAULT_BODY = """
            {"id":1234,"status":"PLACED","totalCents":3000,"placedAt":"2026-11-23T16:30:20.123456Z",\
            "customer":{"id":17,"name":"customer 17","email":"c17@example.com","city":"city"},\
            "lines":[{"productId":3,"sku":"SKU-3","productName":"product 3","quantity":1,"unitPriceCents":1000},\
            {"productId":41,"sku":"SKU-41","productName":"product 41","quantity":1,"unitPriceCents":1000},\
            {"productId":77,"sku":"SKU-77","productName":"product 77","quantity":1,"unitPriceCents":1000}]}""";

    void install(@Observes Router router, BaselineConfig config) {
        Buffer body = Buffer.buffer(config.ceiling().bodyFile().map(CeilingRoute::read)
                .orElse(DEFAULT_BODY.getBytes(StandardCharsets.UTF_8)));
        String length = Integer.toString(body.length());
        router.get(PATH).handler(context -> context.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("Content-Length", length)
                .end(body));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read baseline.ceiling.body-file " + file, e);
        }
    }
}
