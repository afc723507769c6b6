package io.readmodel.bridge.metrics;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.quarkus.scheduler.Scheduled;
import io.readmodel.bridge.config.BridgeConfig;
import io.readmodel.bridge.stream.ChangeStream;
import io.readmodel.bridge.stream.SnapshotProgress;
import io.readmodel.core.checkpoint.BridgeStatus;
import io.readmodel.core.checkpoint.BridgeStatusDocument;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * Publishes the bridge's {@link BridgeStatus} (streaming or not, the initial snapshot's progress) to MongoDB every
 * {@code bridge.status-interval} (1 s), for read-api's status page, which reads only MongoDB. Only a bridge that
 * streams writes it (plus once when it stops streaming), so a standby waiting for the slot never overwrites the
 * active bridge's status; a status that is not rewritten goes stale, which readers take as "not streaming".
 */
@ApplicationScoped
public class BridgeStatusPublisher {

    private static final Logger LOG = Logger.getLogger(BridgeStatusPublisher.class);

    private final MongoClient mongo;
    private final BridgeConfig config;
    private final ChangeStream stream;
    private final SnapshotProgress snapshot;
    private boolean wasStreaming;

    BridgeStatusPublisher(MongoClient mongo, BridgeConfig config, ChangeStream stream, SnapshotProgress snapshot) {
        this.mongo = mongo;
        this.config = config;
        this.stream = stream;
        this.snapshot = snapshot;
    }

    @Scheduled(every = "${bridge.status-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void publish() {
        boolean streaming = stream.isStreaming();
        if (!streaming && !wasStreaming) {
            return;
        }
        BridgeStatus status = new BridgeStatus(config.slotName(), streaming, Instant.now(), stream.lastError(), snapshot.snapshot());
        Document document = new Document("_id", config.slotName());
        document.putAll(BridgeStatusDocument.toFields(status));
        try {
            mongo.getDatabase(config.database()).getCollection(BridgeStatusDocument.COLLECTION)
                    .replaceOne(Filters.eq("_id", config.slotName()), document, new ReplaceOptions().upsert(true));
            wasStreaming = streaming;
        } catch (RuntimeException e) {
            LOG.debugf("cannot publish the bridge status: %s", e.toString());
        }
    }
}
