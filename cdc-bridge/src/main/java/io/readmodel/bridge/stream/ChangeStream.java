package io.readmodel.bridge.stream;

import com.mongodb.client.MongoClient;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.readmodel.bridge.config.BridgeConfig;
import io.readmodel.bridge.config.SourceConnections;
import io.readmodel.bridge.deadletter.DeadLetterStore;
import io.readmodel.bridge.metrics.BridgeMetrics;
import io.readmodel.bridge.projection.JdbcSourceSchema;
import io.readmodel.bridge.projection.ProjectionCatalog;
import io.readmodel.bridge.store.MongoReadModel;
import io.readmodel.core.checkpoint.Checkpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the embedded Debezium engine on its own thread for the application's lifetime, restarting it with
 * exponential backoff when it fails (source or MongoDB unreachable, slot held by another bridge). Each run
 * resumes from the last committed offset; replayed changes are harmless.
 */
@ApplicationScoped
public class ChangeStream {

    private static final Logger LOG = Logger.getLogger(ChangeStream.class);

    private final BridgeConfig config;
    private final ProjectionCatalog catalog;
    private final MongoClient mongo;
    private final BridgeMetrics metrics;
    private final DeadLetterStore deadLetters;
    private final SnapshotProgress snapshot;
    private final String mongoConnectionString;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "change-stream"));
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile boolean streaming;
    private volatile long lastBatchNanos;
    private volatile boolean batchSeen;
    private volatile boolean stopping;
    private volatile String lastError;

    ChangeStream(BridgeConfig config, ProjectionCatalog catalog, MongoClient mongo, BridgeMetrics metrics,
            DeadLetterStore deadLetters, SnapshotProgress snapshot, @ConfigProperty(name = "quarkus.mongodb.connection-string") String mongoConnectionString) {
        this.config = config;
        this.catalog = catalog;
        this.mongo = mongo;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.snapshot = snapshot;
        this.mongoConnectionString = mongoConnectionString;
    }

    void start(@Observes StartupEvent startup) {
        if (config.enabled()) {
            runner.execute(this::runUntilStopped);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        closeEngine();
        runner.shutdownNow();
        try {
            runner.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the engine is streaming changes from the slot right now: it polls, and a batch arrived recently
     * (heartbeats bring one at least every {@code bridge.heartbeat-interval}). Debezium may keep polling while it
     * retries a lost replication connection internally; the second condition catches that.
     */
    public boolean isStreaming() {
        long window = Math.max(java.time.Duration.ofSeconds(10).toNanos(), config.heartbeatInterval().multipliedBy(5).toNanos());
        return streaming && batchSeen && System.nanoTime() - lastBatchNanos < window;
    }

    /** Called by the batch handler whenever a batch starts or ends. */
    void activity() {
        lastBatchNanos = System.nanoTime();
        batchSeen = true;
    }

    /** The last failure, or {@code null}. */
    public String lastError() {
        return lastError;
    }

    private void runUntilStopped() {
        Duration delay = config.restartDelay();
        while (!stopping) {
            batchSeen = false;
            try {
                runOnce();
            } catch (RuntimeException | LinkageError e) {
                lastError = e.toString();
                LOG.warnf(e, "change stream failed: %s", e.toString());
            }
            streaming = false;
            if (stopping) {
                return;
            }
            metrics.error();
            if (batchSeen) {
                // the run made progress before failing: start the backoff over
                delay = config.restartDelay();
            }
            LOG.infof("restarting the change stream in %d ms", delay.toMillis());
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            delay = delay.multipliedBy(2).compareTo(config.maxRestartDelay()) > 0 ? config.maxRestartDelay() : delay.multipliedBy(2);
        }
    }

    private void runOnce() {
        validateDefinitions();
        snapshot.streamStarting();
        MongoReadModel readModel = MongoReadModel.streaming(mongo, config.database());
        readModel.prepareAll(catalog.definitions());
        Checkpoint stored = storedCheckpoint(readModel);
        if (stored == null && config.initialLoad() == BridgeConfig.InitialLoadMode.BULK) {
            new InitialLoad(config, catalog, mongo, metrics, snapshot).run(readModel);
            stored = storedCheckpoint(readModel);
        }
        TransactionAssembler assembler = stored == null ? new TransactionAssembler(null, null, null, null)
                : new TransactionAssembler(stored.appliedLsn(), stored.position(), stored.sourceCommitTime(), stored.heartbeatAt());
        ReadModelWriter writer = new ReadModelWriter(catalog.projector(), readModel, deadLetters, metrics, Clock.systemUTC());
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(DebeziumProperties.of(config, catalog.projector().tables(), mongoConnectionString))
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void pollingStarted() {
                        streaming = true;
                        lastError = null;
                        LOG.info("change stream is streaming");
                    }

                    @Override
                    public void pollingStopped() {
                        streaming = false;
                    }
                })
                .using((success, message, error) -> {
                    streaming = false;
                    if (!success) {
                        lastError = message;
                        LOG.warnf(error, "change stream stopped: %s", message);
                    }
                })
                .notifying(new ChangeBatchHandler(assembler, writer, deadLetters, metrics, snapshot, this::activity))
                .build();
        engine.run();
        closeEngine();
    }

    private Checkpoint storedCheckpoint(MongoReadModel readModel) {
        return catalog.definitions().stream()
                .map(definition -> readModel.checkpoint(definition.name()))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** An invalid definition cannot fix itself: the bridge stops with the file, line and field. */
    private void validateDefinitions() {
        BridgeConfig.Source source = config.source();
        try (java.sql.Connection connection = SourceConnections.open(source)) {
            catalog.validateAgainst(JdbcSourceSchema.read(connection, source.schema()));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the source schema: " + e.getMessage(), e);
        } catch (io.readmodel.core.definition.load.InvalidDefinitionException e) {
            LOG.errorf("invalid projection definitions, stopping:%n%s", e.getMessage());
            stopping = true;
            io.quarkus.runtime.Quarkus.asyncExit(2);
            throw e;
        }
    }

    private void closeEngine() {
        DebeziumEngine<?> current = engine;
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                LOG.debugf("closing the engine: %s", e.toString());
            }
        }
    }
}
