package io.readmodel.readapi.http;

import org.bson.Document;

/**
 * A client view of a read-model document, with the version it was read at.
 *
 * @param view what the client sees (the document without {@code _id} and {@code _meta}, or a typed record of it)
 * @param position {@code _meta.position}: changes whenever the document changes (null if the bridge wrote none);
 *     the entity tag
 * @param <T> the view's type
 */
public record VersionedView<T>(T view, String position) {

    /** The {@code _meta.position} of a stored document, or null. */
    public static String positionOf(Document document) {
        Document meta = document.get("_meta", Document.class);
        return meta == null || !(meta.get("position") instanceof String position) ? null : position;
    }
}
