package io.readmodel.bridge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The bridge's configuration, prefix {@code bridge}. */
@ConfigMapping(prefix = "bridge")
public interface BridgeConfig {

    /** The PostgreSQL database whose WAL is tailed. */
    Source source();

    /** Name of the logical replication slot (one slot, one active bridge). */
    @WithDefault("readmodel")
    String slotName();

    /** Name of the publication, created filtered to the projected tables if missing. */
    @WithDefault("readmodel")
    String publicationName();

    /** Debezium's logical name for this source; prefixes its internal topic names. */
    @WithDefault("readmodel")
    String topicPrefix();

    /** The MongoDB database holding read models, checkpoints, the row store and offsets. */
    @WithDefault("readmodel")
    String database();

    /**
     * How long Debezium waits for a batch to fill before handing it over (and sleeps when the WAL has nothing new):
     * every change waits up to this long. Its default of 500 ms adds ~0.7 s of latency. Shorter is not free:
     * Debezium's queue (3.5) waits in whole milliseconds and spins through the last fraction of one in every poll,
     * so at 2 ms the bridge used ~0.3 of a core at 100 rows/s; 5 ms took its CPU per row down by a third at
     * 1,000 rows/s with the same commit-to-visible p99 (BENCHMARKS.md, freshness, stop 18). A short interval once
     * made the fault tests hit an offset race (an offset whose save failed was acknowledged to PostgreSQL anyway);
     * {@code MongoOffsetBackingStore} closes it whatever the interval.
     */
    @WithDefault("5ms")
    Duration pollInterval();

    /**
     * Largest batch of change events handed over at once. A document is loaded and written once per batch however
     * many of the batch's changes touch it, so batches coalesce writes under a backlog; but a batch and the queued
     * ones behind it stay on the heap until applied, and large ones make the collector copy them again and again.
     * Under a saturated primary (BENCHMARKS.md, section 1, stop 19) 4096 cost the bridge's collector 14–21 µs per
     * row against 46–52 at 16384, the bridge 62–73 µs per row against 97, at the same or a better apply rate, with
     * no more MongoDB work; 2048 and 1024 saved little more in the bridge and wrote more to MongoDB. Batches stay
     * small when changes trickle in.
     */
    @WithDefault("4096")
    int maxBatchSize();

    /**
     * How often a heartbeat message is written to the WAL ({@code pg_logical_emit_message}) so that the slot and
     * the checkpoints advance, and lag stays honest, while the published tables are idle.
     */
    @WithDefault("1s")
    Duration heartbeatInterval();

    /** How often Debezium's offsets (the slot position) are flushed after the writes they cover are acknowledged. */
    @WithDefault("1s")
    Duration offsetFlushInterval();

    /** First delay before restarting the stream after a failure; doubles up to {@link #maxRestartDelay()}. */
    @WithDefault("1s")
    Duration restartDelay();

    /**
     * Longest delay between restarts of a failing stream; also how soon a standby bridge notices that the slot
     * became free (PostgreSQL refuses a second consumer of a slot, so a standby keeps retrying).
     */
    @WithDefault("5s")
    Duration maxRestartDelay();

    /** How often the slot's retained WAL is measured ({@code readmodel_bridge_slot_retained_wal_bytes}). */
    @WithDefault("10s")
    Duration slotCheckInterval();

    /** How often the bridge's state (streaming, snapshot progress) is written for read-api's status page. */
    @WithDefault("1s")
    Duration statusInterval();

    /**
     * How a read model with no checkpoint yet is first filled from the rows the source already holds. {@code bulk}
     * reads every table in the new slot's exported snapshot, projects them in memory and inserts whole documents
     * (fast; memory for the whole load); {@code debezium} applies Debezium's snapshot batch by batch like changes
     * (bounded memory; much slower, BENCHMARKS.md, snapshot).
     */
    @WithDefault("bulk")
    InitialLoadMode initialLoad();

    /** See {@link #initialLoad()}. */
    enum InitialLoadMode {
        /** The slot's exported snapshot, projected in memory and inserted in bulk. */
        BULK,
        /** Debezium's own snapshot, applied like streamed changes. */
        DEBEZIUM
    }

    /** Whether the stream starts with the application (tests of other parts may turn it off). */
    @WithDefault("true")
    boolean enabled();

    /** The projections to maintain. */
    Projections projections();

    /** Extra Debezium connector properties passed through as they are (they win over the bridge's own). */
    Map<String, String> debezium();

    /** Where the projections are declared. */
    interface Projections {
        /**
         * A YAML definition file (format: docs/projections.md); without it, the bundled definitions over write-api's
         * schema ({@code projections/shop.yaml}) are used.
         */
        java.util.Optional<java.nio.file.Path> file();
    }

    /** Connection to the source database. */
    interface Source {
        /** Host name. */
        @WithDefault("127.0.0.1")
        String host();

        /** Port. */
        @WithDefault("5432")
        int port();

        /** Database name. */
        @WithDefault("shop")
        String database();

        /** A user with REPLICATION and SELECT on the published tables. */
        @WithDefault("postgres")
        String user();

        /** Its password (from a Secret or the environment; never logged); none for trust authentication. */
        java.util.Optional<String> password();

        /** Schema of the projected tables. */
        @WithDefault("public")
        String schema();
    }
}
