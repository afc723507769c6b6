package io.readmodel.readapi.cache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * One entry of the bridge's {@value #COLLECTION} log: a batch that writes documents, recorded before its documents
 * are written (docs/contracts.md).
 *
 * @param sequence the entry's {@code _id}: 1, 2, 3, ... consecutive, never reused
 * @param lsn the batch's highest commit LSN, on the scale of a checkpoint's {@code appliedLsnValue}
 * @param documents the {@code _id}s of the documents the batch writes, by projection
 */
public record InvalidationEntry(long sequence, long lsn, Map<String, List<Object>> documents) {

    /** The bridge's invalidation log, in the read-model database. */
    public static final String COLLECTION = "invalidations";

    /** Compact copy. */
    public InvalidationEntry {
        documents = Map.copyOf(documents);
    }

    /**
     * Reads a stored entry.
     *
     * @throws IllegalArgumentException when it is not in the contract's format
     */
    public static InvalidationEntry fromDocument(Document document) {
        if (!(document.get("_id") instanceof Number sequence) || !(document.get("lsn") instanceof Number lsn)) {
            throw new IllegalArgumentException("invalidation entry without a numeric _id and lsn: " + document.get("_id"));
        }
        Map<String, List<Object>> documents = new LinkedHashMap<>();
        Object docs = document.get("docs");
        if (docs instanceof Document byProjection) {
            byProjection.forEach((projection, ids) -> {
                if (!(ids instanceof List<?> list)) {
                    throw new IllegalArgumentException("invalidation entry " + sequence + ": docs." + projection
                            + " is not an array");
                }
                documents.put(projection, new ArrayList<>(list));
            });
        } else if (docs != null) {
            throw new IllegalArgumentException("invalidation entry " + sequence + ": docs is not a document");
        }
        return new InvalidationEntry(sequence.longValue(), lsn.longValue(), documents);
    }
}
