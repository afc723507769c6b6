package io.readmodel.bridge.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.apache.kafka.connect.util.Callback;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Keeps Debezium's offsets (the slot position to resume from) in MongoDB beside the checkpoints, so they survive
 * the bridge's pod being replaced. The engine saves offsets only for events the bridge marked processed, that is
 * after the MongoDB writes they cover were acknowledged.
 *
 * <p>What this store answers is only ever what MongoDB acknowledged. That matters beyond resuming: the Postgres
 * connector acknowledges to PostgreSQL (advances the slot's {@code confirmed_flush_lsn}) the offsets it reads back
 * from this store, also when its task stops after a failure. Kafka's in-memory base class takes new offsets into
 * its map <em>before</em> persisting them, so a save that failed (MongoDB down) left offsets in memory that the
 * stopping task then acknowledged: the slot passed the stored offset and the changes in between were gone for good
 * (debezium/dbz#2460 describes the same window). Here offsets enter the map only after MongoDB acknowledged them.
 */
public class MongoOffsetBackingStore extends MemoryOffsetBackingStore {

    /** Engine property: the MongoDB connection string. */
    public static final String CONNECTION_STRING = "offset.storage.mongodb.connection.string";

    /** Engine property: the database. */
    public static final String DATABASE = "offset.storage.mongodb.database";

    /** The collection holding offsets. */
    public static final String COLLECTION = "offsets";

    private String connectionString;
    private String database;
    private MongoClient client;
    private MongoCollection<Document> offsets;

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        Map<String, Object> originals = config.originals();
        connectionString = String.valueOf(originals.get(CONNECTION_STRING));
        database = String.valueOf(originals.getOrDefault(DATABASE, "readmodel"));
    }

    @Override
    public synchronized void start() {
        super.start();
        // fail fast while MongoDB is down: the engine's offset flush has its own timeout, and a stuck flush
        // delays the stream's restart
        client = MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString(connectionString))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, java.util.concurrent.TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(5, java.util.concurrent.TimeUnit.SECONDS))
                .build());
        offsets = client.getDatabase(database).getCollection(COLLECTION);
        for (Document stored : offsets.find()) {
            data.put(ByteBuffer.wrap(decode(stored.getString("_id"))), ByteBuffer.wrap(stored.get("value", Binary.class).getData()));
        }
    }

    @Override
    public synchronized void stop() {
        super.stop();
        if (client != null) {
            client.close();
        }
    }

    /**
     * Persists the offsets, then takes them into memory: a failed write leaves what is read back unchanged, and the
     * callback hears of the failure (the engine then retries those offsets with its next flush).
     */
    @Override
    public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
        return executor.submit(() -> {
            try {
                persist(values);
            } catch (RuntimeException e) {
                if (callback != null) {
                    callback.onCompletion(e, null);
                }
                throw e;
            }
            values.forEach((key, value) -> {
                if (value == null) {
                    data.remove(key);
                } else {
                    data.put(key, value);
                }
            });
            if (callback != null) {
                callback.onCompletion(null, null);
            }
            return null;
        });
    }

    private void persist(Map<ByteBuffer, ByteBuffer> values) {
        List<WriteModel<Document>> writes = new ArrayList<>(values.size());
        values.forEach((key, value) -> {
            if (key == null) {
                return;
            }
            String id = Base64.getEncoder().encodeToString(bytes(key));
            writes.add(value == null ? new DeleteOneModel<>(Filters.eq("_id", id))
                    : new ReplaceOneModel<>(Filters.eq("_id", id), new Document("_id", id).append("value", new Binary(bytes(value))),
                            new ReplaceOptions().upsert(true)));
        });
        if (!writes.isEmpty()) {
            offsets.bulkWrite(writes);
        }
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    private static byte[] decode(String key) {
        return Base64.getDecoder().decode(key);
    }
}
