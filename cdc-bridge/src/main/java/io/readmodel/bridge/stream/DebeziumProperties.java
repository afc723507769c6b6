package io.readmodel.bridge.stream;

import io.readmodel.bridge.config.BridgeConfig;
import io.readmodel.bridge.store.MongoOffsetBackingStore;
import java.util.Collection;
import java.util.Properties;
import java.util.stream.Collectors;

/** Builds the embedded Debezium engine's properties from the bridge's configuration. */
public final class DebeziumProperties {

    /** Prefix of the heartbeat messages the bridge writes to the WAL. */
    public static final String HEARTBEAT_PREFIX = "readmodel.heartbeat";

    /**
     * How many batches Debezium's queue holds: the decoding thread fills the next batch while the last one is applied.
     * Under a backlog the queue stays full, and the events in it survive collection after collection: with 4 batches
     * the bridge's collector cost 57–60 µs per row at a 512 MB heap, with 2 it cost 46–47, at the same apply rate
     * (BENCHMARKS.md, section 1, stop 19). Debezium needs more than one.
     */
    static final int QUEUED_BATCHES = 2;

    private DebeziumProperties() {
    }

    /**
     * The properties.
     *
     * @param config the bridge's configuration
     * @param tables the tables to publish (without schema)
     * @param mongoConnectionString where offsets are stored
     */
    public static Properties of(BridgeConfig config, Collection<String> tables, String mongoConnectionString) {
        BridgeConfig.Source source = config.source();
        Properties properties = new Properties();
        properties.setProperty("name", "readmodel-bridge");
        properties.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        properties.setProperty("topic.prefix", config.topicPrefix());
        properties.setProperty("database.hostname", source.host());
        properties.setProperty("database.port", Integer.toString(source.port()));
        properties.setProperty("database.user", source.user());
        properties.setProperty("database.password", source.password().orElse(""));
        properties.setProperty("database.dbname", source.database());
        properties.setProperty("plugin.name", "pgoutput");
        properties.setProperty("slot.name", config.slotName());
        properties.setProperty("publication.name", config.publicationName());
        properties.setProperty("publication.autocreate.mode", "filtered");
        properties.setProperty("table.include.list", tables.stream()
                .map(table -> source.schema() + "." + table).collect(Collectors.joining(",")));
        // bulk: the bridge loads the existing rows itself (InitialLoad) and Debezium streams from the slot it created
        properties.setProperty("snapshot.mode", config.initialLoad() == BridgeConfig.InitialLoadMode.BULK ? "no_data" : "initial");
        properties.setProperty("provide.transaction.metadata", "true");
        properties.setProperty("tombstones.on.delete", "false");
        properties.setProperty("decimal.handling.mode", "precise");
        properties.setProperty("poll.interval.ms", Long.toString(config.pollInterval().toMillis()));
        properties.setProperty("max.batch.size", Integer.toString(config.maxBatchSize()));
        properties.setProperty("max.queue.size", Integer.toString(config.maxBatchSize() * QUEUED_BATCHES));
        properties.setProperty("heartbeat.interval.ms", Long.toString(config.heartbeatInterval().toMillis()));
        // transactional, so that it arrives as BEGIN, message, COMMIT: offsets are only committed at commits
        properties.setProperty("heartbeat.action.query", "SELECT pg_logical_emit_message(true, '" + HEARTBEAT_PREFIX
                + "', (extract(epoch from clock_timestamp()) * 1000000)::bigint::text)");
        properties.setProperty("offset.flush.interval.ms", Long.toString(config.offsetFlushInterval().toMillis()));
        properties.setProperty("offset.storage", MongoOffsetBackingStore.class.getName());
        properties.setProperty(MongoOffsetBackingStore.CONNECTION_STRING, mongoConnectionString);
        properties.setProperty(MongoOffsetBackingStore.DATABASE, config.database());
        // a lost connection stops the engine and ChangeStream starts a fresh one (with backoff): measured here, an
        // engine retrying in place spent minutes searching for its WAL resume position, a fresh one seconds
        properties.setProperty("errors.max.retries", "0");
        // a standby finds the slot held by the active bridge: retry at about the bridge's own cadence, then fail
        // and let ChangeStream start over, so a takeover happens within seconds of the active bridge's death
        properties.setProperty("slot.retry.delay.ms", "1000");
        properties.setProperty("slot.max.retries", "5");
        config.debezium().forEach(properties::setProperty);
        return properties;
    }
}
