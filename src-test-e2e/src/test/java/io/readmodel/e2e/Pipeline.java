package io.readmodel.e2e;

import io.readmodel.infra.EmbeddedPostgresServer;
import io.readmodel.infra.FreePorts;
import io.readmodel.infra.MongoStandIn;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The whole pipeline for an end-to-end test: a real PostgreSQL, the MongoDB stand-in in its own process, and
 * write-api, cdc-bridge and read-api started as processes from their packaged jars, on free ports. Logs go to
 * {@code src-test-e2e/target/e2e-logs/<test>/}. Everything is stopped on close and by a shutdown hook.
 */
final class Pipeline implements AutoCloseable {

    static final String DATABASE = "shop";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    final EmbeddedPostgresServer postgres;
    final AppProcess mongo;
    final String mongoUri;
    final AppProcess writeApi;
    final AppProcess bridge;
    final AppProcess readApi;
    private final Thread shutdownHook;

    private Pipeline(String name) {
        Path root = Path.of(System.getProperty("e2e.repository.root", "..")).toAbsolutePath().normalize();
        Path logs = root.resolve("src-test-e2e/target/e2e-logs").resolve(name);
        postgres = EmbeddedPostgresServer.startTemporary();
        postgres.createDatabase(DATABASE);
        int mongoPort = FreePorts.find();
        mongoUri = "mongodb://127.0.0.1:" + mongoPort;
        mongo = AppProcess.javaMain("mongo-stand-in", MongoStandIn.class.getName(), List.of("--port", Integer.toString(mongoPort)),
                mongoPort, logs).start();
        String pg = "127.0.0.1:" + postgres.port() + "/" + DATABASE;
        writeApi = AppProcess.quarkusApp(root, "write-api", FreePorts.find(), Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + pg,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + pg,
                "quarkus.datasource.username", EmbeddedPostgresServer.SUPERUSER,
                "quarkus.datasource.password", ""), logs);
        bridge = AppProcess.quarkusApp(root, "cdc-bridge", FreePorts.find(), Map.of(
                "bridge.source.host", "127.0.0.1",
                "bridge.source.port", Integer.toString(postgres.port()),
                "bridge.source.database", DATABASE,
                "bridge.source.user", EmbeddedPostgresServer.SUPERUSER,
                "bridge.heartbeat-interval", "500ms",
                "quarkus.mongodb.connection-string", mongoUri), logs);
        readApi = AppProcess.quarkusApp(root, "read-api", FreePorts.find(), Map.of(
                "quarkus.mongodb.connection-string", mongoUri), logs);
        shutdownHook = new Thread(this::stopAll, "e2e-pipeline-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts everything and waits until all three apps are ready. */
    static Pipeline start(String name) {
        Pipeline pipeline = new Pipeline(name);
        try {
            pipeline.writeApi.start().awaitReady(START_TIMEOUT);
            pipeline.bridge.start().awaitReady(START_TIMEOUT);
            pipeline.readApi.start().awaitReady(START_TIMEOUT);
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    /** Restarts the bridge after a kill or stop and waits until it streams again. */
    void restartBridge() {
        bridge.start().awaitReady(START_TIMEOUT);
    }

    /** A superuser connection to the shop database, as a legacy writer would use. */
    Connection sql() throws SQLException {
        return postgres.connect(DATABASE);
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running
        }
    }

    private void stopAll() {
        readApi.stop();
        bridge.stop();
        writeApi.stop();
        mongo.kill();
        postgres.close();
    }
}
