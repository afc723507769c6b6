package io.readmodel.readapi.store;

import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.FindOptions;
import io.readmodel.core.checkpoint.Checkpoint;
import io.readmodel.core.checkpoint.CheckpointDocument;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * Reads the checkpoints the bridge records, one document per projection in {@value CheckpointDocument#COLLECTION}
 * (read-only: only the bridge writes them).
 */
@ApplicationScoped
public class CheckpointStore {

    private static final Logger LOG = Logger.getLogger(CheckpointStore.class);

    private final ReadModelStore store;

    CheckpointStore(ReadModelStore store) {
        this.store = store;
    }

    /** Every projection's checkpoint, by projection name; a document that does not parse is skipped and logged. */
    public Uni<List<Checkpoint>> findAll() {
        return store.collection(CheckpointDocument.COLLECTION)
                .find(new FindOptions().sort(Sorts.ascending("_id")))
                .collect().asList()
                .map(CheckpointStore::parseReadable);
    }

    private static List<Checkpoint> parseReadable(List<Document> documents) {
        List<Checkpoint> checkpoints = new ArrayList<>(documents.size());
        for (Document document : documents) {
            try {
                checkpoints.add(CheckpointDocument.fromDocument(document));
            } catch (RuntimeException e) {
                LOG.warnf("skipping unreadable checkpoint %s: %s", document.get("_id"), e.getMessage());
            }
        }
        return checkpoints;
    }

    /** Whether the projection has a checkpoint document (read fresh). */
    public Uni<Boolean> exists(String projection) {
        return store.collection(CheckpointDocument.COLLECTION)
                .find(new Document("_id", projection), new FindOptions().projection(new Document("_id", 1)).limit(1))
                .collect().first()
                .map(found -> found != null);
    }
}
