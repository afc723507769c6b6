package io.readmodel.readapi.store;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.FindOptions;
import io.readmodel.readapi.cache.InvalidationEntry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.bson.Document;

/**
 * Reads the bridge's {@value InvalidationEntry#COLLECTION} log (read-only). Entries are looked up by listing their
 * {@code _id}s ({@code $in}): the MongoDB stand-in uses its {@code _id} index for equality and {@code $in} only,
 * never for ranges.
 */
@ApplicationScoped
public class InvalidationStore {

    private final ReadModelStore store;

    InvalidationStore(ReadModelStore store) {
        this.store = store;
    }

    /** The sequence of the newest entry, if the log has any. */
    public Uni<Optional<Long>> newestSequence() {
        return store.collection(InvalidationEntry.COLLECTION)
                .find(new FindOptions().projection(new Document("_id", 1)).sort(Sorts.descending("_id")).limit(1))
                .collect().first()
                .map(found -> Optional.ofNullable(found)
                        .map(document -> ((Number) document.get("_id")).longValue()));
    }

    /**
     * The entries with sequences {@code first} to {@code first + count - 1} that exist, in sequence order.
     *
     * @throws IllegalArgumentException (as the failure) when an entry is not in the contract's format
     */
    public Uni<List<InvalidationEntry>> window(long first, int count) {
        List<Long> sequences = LongStream.range(first, first + count).boxed().toList();
        return store.collection(InvalidationEntry.COLLECTION)
                .find(in("_id", sequences))
                .collect().asList()
                .map(found -> {
                    List<InvalidationEntry> entries = new ArrayList<>(found.size());
                    found.forEach(document -> entries.add(InvalidationEntry.fromDocument(document)));
                    entries.sort(Comparator.comparingLong(InvalidationEntry::sequence));
                    return entries;
                });
    }
}
