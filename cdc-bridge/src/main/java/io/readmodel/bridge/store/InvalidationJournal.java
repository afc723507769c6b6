package io.readmodel.bridge.store;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Tells readers that cache documents which documents a write changes: collection {@value #COLLECTION}, one entry
 * per write, {@code {_id: sequence, lsn, at, docs: {projection: [ids]}}}. Sequences are consecutive (an entry is
 * written only after the previous one is acknowledged; a sequence taken by another writer is skipped by reading
 * the newest again), so a reader fetches the next entries by {@code _id} and knows a gap means entries were pruned.
 *
 * <p>A streamed batch's entry is written before its documents, with the batch's commit LSN: a reader acts on it
 * only once the checkpoints pass that LSN, i.e. after the documents are written, and a crash between the entry and
 * the documents still leaves the entry. A write that no checkpoint follows (a repair, a dead letter retried) gets
 * an entry with LSN 0 after its documents as well. Entries older than the retention are deleted, except the newest.
 */
public final class InvalidationJournal {

    /** The collection readers poll. */
    public static final String COLLECTION = "invalidations";

    private static final Duration RETENTION = Duration.ofMinutes(10);
    private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);
    private static final int DUPLICATE_KEY = 11000;

    private final MongoCollection<Document> entries;
    private final Clock clock;
    private long next = -1;
    private Instant lastPruned = Instant.EPOCH;

    InvalidationJournal(MongoDatabase database, Clock clock) {
        this.entries = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** Records that these documents (by projection) are about to change, readable once the checkpoints pass {@code lsn}. */
    synchronized void record(long lsn, Map<String, List<Object>> documents) {
        Instant now = clock.instant();
        for (int attempt = 0; ; attempt++) {
            if (next < 0) {
                Document newest = entries.find().sort(Sorts.descending("_id")).limit(1).first();
                next = newest == null ? 1 : ((Number) newest.get("_id")).longValue() + 1;
            }
            try {
                entries.insertOne(new Document("_id", next).append("lsn", lsn).append("at", Date.from(now))
                        .append("docs", new Document(Map.copyOf(documents))));
                next++;
                break;
            } catch (MongoWriteException e) {
                next = -1;
                if (e.getError().getCode() != DUPLICATE_KEY || attempt >= 10) {
                    throw e;
                }
            }
        }
        if (Duration.between(lastPruned, now).compareTo(PRUNE_INTERVAL) > 0) {
            lastPruned = now;
            entries.deleteMany(Filters.and(Filters.lt("_id", next - 1), Filters.lt("at", Date.from(now.minus(RETENTION)))));
        }
    }
}
