package io.readmodel.readapi.http;

import io.readmodel.core.checkpoint.Checkpoint;
import io.readmodel.readapi.consistency.ConsistencyService;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Builds the responses of every read endpoint: entity tags from {@code _meta.position}, conditional requests, and
 * the applied position of a honoured consistency token.
 */
public final class DocumentResponses {

    private DocumentResponses() {
    }

    /**
     * 200 with the document's client view and its ETag, or 304 when the client's {@code If-None-Match} names this
     * version.
     *
     * @param found the client's view and its version ({@code _meta.position}; no ETag without one)
     * @param ifNoneMatch the request's {@code If-None-Match} header, if any
     * @param applied the checkpoint that satisfied the request's token, if it carried one
     */
    public static Response single(VersionedView<?> found, String ifNoneMatch, Optional<Checkpoint> applied) {
        String etag = etag(found.position());
        Response.ResponseBuilder response = etag != null && matches(ifNoneMatch, etag)
                ? Response.notModified()
                : Response.ok(found.view(), MediaType.APPLICATION_JSON_TYPE);
        if (etag != null) {
            response.header(HttpHeaders.ETAG, etag);
        }
        response.header(HttpHeaders.CACHE_CONTROL, "no-cache");
        return withApplied(response, applied).build();
    }

    /** 200 with a page of documents. */
    public static Response page(Object page, Optional<Checkpoint> applied) {
        return withApplied(Response.ok(page, MediaType.APPLICATION_JSON_TYPE), applied).build();
    }

    private static Response.ResponseBuilder withApplied(Response.ResponseBuilder response,
            Optional<Checkpoint> applied) {
        applied.ifPresent(checkpoint ->
                response.header(ConsistencyService.APPLIED_POSITION_HEADER, checkpoint.appliedLsn().toString()));
        return response;
    }

    /** The entity tag of a document version ({@code _meta.position}), or null when it has none. */
    static String etag(String position) {
        return position == null ? null : '"' + position + '"';
    }

    /** RFC 9110 13.1.2: weak comparison, {@code *} matches any current version. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
