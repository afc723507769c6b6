package io.readmodel.bridge.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Keeps Debezium's offsets (the slot position to resume from) in MongoDB beside the checkpoints, so they survive
 * the bridge's pod being replaced. The engine saves offsets only for events the bridge marked processed, that is
 * after the MongoDB writes they cover were acknowledged.
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

    @Override
    protected void save() {
        for (Map.Entry<ByteBuffer, ByteBuffer> entry : data.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null) {
                continue;
            }
            String key = Base64.getEncoder().encodeToString(bytes(entry.getKey()));
            offsets.replaceOne(Filters.eq("_id", key),
                    new Document("_id", key).append("value", new Binary(bytes(entry.getValue()))),
                    new ReplaceOptions().upsert(true));
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
