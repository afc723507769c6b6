package io.readmodel.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debezium.embedded.EmbeddedWorkerConfig;
import io.readmodel.infra.MongoStandIn;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.apache.kafka.connect.storage.OffsetStorageReaderImpl;
import org.apache.kafka.connect.storage.OffsetStorageWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The offset store against the MongoDB stand-in, driven the way the engine drives it (Kafka's offset writer and
 * reader with JSON converters). The Postgres connector acknowledges to PostgreSQL what the reader answers, so the
 * reader must never answer an offset MongoDB did not acknowledge.
 */
class MongoOffsetBackingStoreTest {

    private static final String ENGINE = "readmodel-bridge";
    private static final Map<String, String> PARTITION = Map.of("server", "readmodel");

    private MongoStandIn standIn = MongoStandIn.startInMemory();
    private MongoOffsetBackingStore store;

    @AfterEach
    void stop() {
        if (store != null) {
            store.stop();
        }
        standIn.close();
    }

    @Test
    void offsetsAStoreFlushedAreReadBackByTheNextStore() throws Exception {
        store = started();
        flush(new OffsetStorageWriter(store, ENGINE, converter(), converter()), Map.of("lsn", 100L, "lsn_commit", 90L));
        store.stop();

        store = started();

        assertThat(reader(store).offset(PARTITION)).containsEntry("lsn", 100L).containsEntry("lsn_commit", 90L);
    }

    @Test
    void anOffsetWhoseFlushFailedIsNeverReadBackSoTheSlotCannotBeAcknowledgedPastTheStoredOffset() throws Exception {
        store = started();
        OffsetStorageWriter writer = new OffsetStorageWriter(store, ENGINE, converter(), converter());
        flush(writer, Map.of("lsn", 100L));

        standIn.close(); // MongoDB goes away while the stream goes on
        writer.offset(PARTITION, Map.of("lsn", 200L));
        assertThat(writer.beginFlush()).isTrue();
        AtomicReference<Throwable> reported = new AtomicReference<>();
        assertThatThrownBy(() -> writer.doFlush((error, ignored) -> reported.set(error)).get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);

        assertThat(reader(store).offset(PARTITION)).as("what the connector would acknowledge").containsEntry("lsn", 100L);
        assertThat(reported.get()).as("the engine hears of the failed flush").isNotNull();
    }

    private MongoOffsetBackingStore started() {
        MongoOffsetBackingStore started = new MongoOffsetBackingStore();
        started.configure(new EmbeddedWorkerConfig(new java.util.HashMap<>(Map.of(
                MongoOffsetBackingStore.CONNECTION_STRING, standIn.connectionString(),
                MongoOffsetBackingStore.DATABASE, "offsets-test"))));
        started.start();
        return started;
    }

    private static void flush(OffsetStorageWriter writer, Map<String, Object> offset) throws Exception {
        writer.offset(PARTITION, offset);
        assertThat(writer.beginFlush()).isTrue();
        writer.doFlush((error, ignored) -> assertThat(error).isNull()).get(30, TimeUnit.SECONDS);
    }

    private static OffsetStorageReader reader(MongoOffsetBackingStore store) {
        return new OffsetStorageReaderImpl(store, ENGINE, converter(), converter());
    }

    private static JsonConverter converter() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        return converter;
    }
}
