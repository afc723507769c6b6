package io.readmodel.e2e;

import io.readmodel.infra.EmbeddedPostgresServer;
import io.readmodel.infra.FreePorts;
import io.readmodel.infra.MongoStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole pipeline for an end-to-end test: a real PostgreSQL, the MongoDB stand-in in its own process, and
 * write-api, cdc-bridge and read-api started as processes from their packaged jars, on free ports. Logs go to
 * {@code src-test-e2e/target/e2e-logs/<name>/}. Everything is stopped on close and by a shutdown hook.
 */
final class Pipeline implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("e2e.repository.root", "..")).toAbsolutePath().normalize();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    final String database;
    final EmbeddedPostgresServer postgres;
    final AppProcess mongo;
    final String mongoUri;
    final AppProcess writeApi;
    final AppProcess bridge;
    final AppProcess readApi;
    final Path logs;
    private final Thread shutdownHook;

    /** What to start. */
    static final class Options {
        private final String name;
        private String database = "shop";
        private boolean writeApi = true;
        private String sqlBeforeBridge;
        private final Map<String, String> bridgeProperties = new HashMap<>();

        private Options(String name) {
            this.name = name;
        }

        /** Use another database (created empty). */
        Options database(String database) {
            this.database = database;
            return this;
        }

        /** Do not start write-api (a legacy schema the pipeline does not own). */
        Options withoutWriteApi() {
            this.writeApi = false;
            return this;
        }

        /** Run this SQL script in the database before the bridge first starts. */
        Options sqlBeforeBridge(String script) {
            this.sqlBeforeBridge = script;
            return this;
        }

        /** A system property for the bridge. */
        Options bridge(String key, String value) {
            bridgeProperties.put(key, value);
            return this;
        }

        /** Starts everything and waits until the apps are ready. */
        Pipeline start() {
            Pipeline pipeline = new Pipeline(this);
            try {
                if (writeApi) {
                    pipeline.writeApi.start().awaitReady(START_TIMEOUT);
                }
                if (sqlBeforeBridge != null) {
                    pipeline.execute(sqlBeforeBridge);
                }
                pipeline.bridge.start().awaitReady(START_TIMEOUT);
                pipeline.readApi.start().awaitReady(START_TIMEOUT);
                return pipeline;
            } catch (RuntimeException | SQLException e) {
                pipeline.close();
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
        }
    }

    /** Options for a pipeline whose logs go under {@code name}. */
    static Options named(String name) {
        return new Options(name);
    }

    /** The reference pipeline: write-api's shop schema and the bundled projections. */
    static Pipeline start(String name) {
        return named(name).start();
    }

    private Pipeline(Options options) {
        database = options.database;
        logs = ROOT.resolve("src-test-e2e/target/e2e-logs").resolve(options.name);
        postgres = EmbeddedPostgresServer.startTemporary();
        postgres.createDatabase(database);
        int mongoPort = FreePorts.find();
        mongoUri = "mongodb://127.0.0.1:" + mongoPort;
        mongo = AppProcess.javaMain("mongo-stand-in", MongoStandIn.class.getName(), List.of("--port", Integer.toString(mongoPort)),
                mongoPort, logs).start();
        String pg = "127.0.0.1:" + postgres.port() + "/" + database;
        writeApi = AppProcess.quarkusApp(ROOT, "write-api", FreePorts.find(), Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + pg,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + pg,
                "quarkus.datasource.username", EmbeddedPostgresServer.SUPERUSER,
                "quarkus.datasource.password", ""), logs);
        Map<String, String> bridgeProperties = new HashMap<>(Map.of(
                "bridge.source.host", "127.0.0.1",
                "bridge.source.port", Integer.toString(postgres.port()),
                "bridge.source.database", database,
                "bridge.source.user", EmbeddedPostgresServer.SUPERUSER,
                "bridge.heartbeat-interval", "500ms",
                "quarkus.mongodb.connection-string", mongoUri));
        bridgeProperties.putAll(options.bridgeProperties);
        bridge = AppProcess.quarkusApp(ROOT, "cdc-bridge", FreePorts.find(), bridgeProperties, logs);
        readApi = AppProcess.quarkusApp(ROOT, "read-api", FreePorts.find(), Map.of(
                "quarkus.mongodb.connection-string", mongoUri), logs);
        shutdownHook = new Thread(this::stopAll, "e2e-pipeline-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Restarts the bridge after a kill or stop and waits until it streams again. */
    void restartBridge() {
        bridge.start().awaitReady(START_TIMEOUT);
    }

    /** A superuser connection to the pipeline's database, as a legacy writer would use. */
    Connection sql() throws SQLException {
        return postgres.connect(database);
    }

    /** Runs SQL statements (a script) in one go. */
    void execute(String script) throws SQLException {
        try (Connection connection = sql(); Statement statement = connection.createStatement()) {
            statement.execute(script);
        }
    }

    /** Emits a consistency token the way write-api does, for changes made with plain SQL. */
    String token() throws SQLException {
        try (Connection connection = sql(); Statement statement = connection.createStatement();
                var result = statement.executeQuery("SELECT pg_logical_emit_message(false, 'readmodel.token', '')::text")) {
            result.next();
            return result.getString(1);
        }
    }

    /** Reads a file of the repository. */
    static String repositoryFile(String path) {
        try {
            return Files.readString(ROOT.resolve(path));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
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
