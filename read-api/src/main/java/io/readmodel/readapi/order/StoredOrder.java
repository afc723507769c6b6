package io.readmodel.readapi.order;

/**
 * A live order document as read, with what the API needs beside the client's view.
 *
 * @param view what the client sees
 * @param key the document's {@code _id} (the pagination tiebreaker)
 * @param position {@code _meta.position}: changes whenever the document changes (null if the bridge wrote none)
 */
record StoredOrder(OrderView view, long key, String position) {

    /** The strong entity tag of this version of the document, quoted, or null without a position. */
    String etag() {
        return position == null ? null : '"' + position + '"';
    }
}
