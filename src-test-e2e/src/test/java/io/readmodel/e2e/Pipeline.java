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
    /** The current PostgreSQL server (replaced by {@link #startPostgres()} after {@link #stopPostgres()}). */
    volatile EmbeddedPostgresServer postgres;
    final AppProcess mongo;
    final String mongoUri;
    final AppProcess writeApi;
    final AppProcess bridge;
    final AppProcess readApi;
    final Path logs;
    /** Where PostgreSQL keeps its cluster when it can be restarted, or null (a temporary directory). */
    final Path postgresData;
    /** The stand-in's H2 file when it is persistent, or null (in memory). */
    final Path mongoData;
    private final int postgresPort;
    private final Map<String, String> bridgeProperties;
    private final List<AppProcess> extraBridges = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<AppProcess> extraApps = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread shutdownHook;

    /** What to start. */
    static final class Options {
        private final String name;
        private String database = "shop";
        private boolean writeApi = true;
        private String sqlBeforeBridge;
        private boolean persistentMongo;
        private boolean restartablePostgres;
        private boolean deferBridge;
        private final Map<String, String> bridgeProperties = new HashMap<>();
        private final Map<String, String> bridgeEnvironment = new HashMap<>();

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

        /**
         * Run the MongoDB stand-in persistent ({@code --data <logs>/mongo/readmodel.h2}, started fresh), so that it can be
         * stopped and started again with its data ({@link #stopMongo()}, {@link #startMongo()}).
         */
        Options persistentMongo() {
            this.persistentMongo = true;
            return this;
        }

        /**
         * Keep PostgreSQL's cluster in {@code <logs>/pgdata} (started fresh, removed on close), so that it can be
         * stopped and started again on the same data directory and port ({@link #stopPostgres()}, {@link #startPostgres()}).
         */
        Options restartablePostgres() {
            this.restartablePostgres = true;
            return this;
        }

        /**
         * Do not start the bridge: {@link #start()} returns with PostgreSQL, the stand-in, write-api and read-api up,
         * and the caller starts {@link Pipeline#bridge} itself ({@code pipeline.bridge.start()}), e.g. to time an
         * initial snapshot from the bridge's start.
         */
        Options deferBridge() {
            this.deferBridge = true;
            return this;
        }

        /** A system property for the bridge. */
        Options bridge(String key, String value) {
            bridgeProperties.put(key, value);
            return this;
        }

        /** An environment variable for the bridge (SmallRye Config reads {@code BRIDGE_X_Y} as {@code bridge.x-y}). */
        Options bridgeEnvironment(String name, String value) {
            bridgeEnvironment.put(name, value);
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
                if (!deferBridge) {
                    pipeline.bridge.start().awaitReady(START_TIMEOUT);
                }
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

    /**
     * The stand-in is the database: it keeps every document in its heap (~13 KB per source row of the shop; 512 MB ran
     * out at 80,000 rows). A small fixed young generation keeps its collection pauses short: with G1's default sizing
     * it paused a median 117–148 ms every ~2.5 s under a 1,000 rows/s load, the tail of every commit-to-visible
     * figure (BENCHMARKS.md, freshness).
     */
    private static final List<String> STAND_IN_JVM = List.of("-Xmx2g", "-Xmn64m");

    private Pipeline(Options options) {
        database = options.database;
        logs = ROOT.resolve("src-test-e2e/target/e2e-logs").resolve(options.name);
        postgresData = options.restartablePostgres ? logs.resolve("pgdata") : null;
        mongoData = options.persistentMongo ? logs.resolve("mongo").resolve("readmodel.h2") : null;
        deleteRecursively(logs); // an earlier run's logs: tests read the apps' logs of this run
        postgresPort = FreePorts.find();
        postgres = EmbeddedPostgresServer.start(postgresData, postgresPort);
        postgres.createDatabase(database);
        int mongoPort = FreePorts.find();
        mongoUri = "mongodb://127.0.0.1:" + mongoPort;
        List<String> mongoArgs = new java.util.ArrayList<>(List.of("--port", Integer.toString(mongoPort)));
        if (mongoData != null) {
            mongoArgs.addAll(List.of("--data", mongoData.toString()));
        }
        mongo = AppProcess.javaMain("mongo-stand-in", MongoStandIn.class.getName(), mongoArgs, STAND_IN_JVM, mongoPort, logs).start();
        if (mongoData != null) {
            mongo.awaitPort(START_TIMEOUT);
        }
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
        this.bridgeProperties = Map.copyOf(bridgeProperties);
        bridge = AppProcess.quarkusApp(ROOT, "cdc-bridge", FreePorts.find(), bridgeProperties, logs);
        options.bridgeEnvironment.forEach(bridge::environment);
        readApi = AppProcess.quarkusApp(ROOT, "read-api", FreePorts.find(), Map.of(
                "quarkus.mongodb.connection-string", mongoUri), logs);
        shutdownHook = new Thread(this::stopAll, "e2e-pipeline-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Restarts the bridge after a kill or stop and waits until it streams again. */
    void restartBridge() {
        bridge.start().awaitReady(START_TIMEOUT);
    }

    /**
     * Starts another bridge on the same slot and MongoDB database as {@link #bridge} (its own HTTP port; log
     * {@code <name>.log}), with these properties overriding the first one's. Not awaited: a standby is not ready
     * while the first one streams. Stopped on close.
     */
    AppProcess startAnotherBridge(String name, Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(bridgeProperties);
        properties.putAll(overrides);
        AppProcess another = AppProcess.quarkusApp(ROOT, "cdc-bridge", name, FreePorts.find(), properties, logs);
        extraBridges.add(another);
        return another.start();
    }

    /**
     * Starts another Quarkus app of this repository (e.g. {@code bench-baseline}) on a free port, pointed at the
     * pipeline's PostgreSQL database through its reactive datasource as the superuser, with these properties added,
     * and waits until it is ready. Stopped on close (before the pipeline's own apps).
     */
    AppProcess startAppOnPostgres(String module, Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(database),
                "quarkus.datasource.username", EmbeddedPostgresServer.SUPERUSER,
                "quarkus.datasource.password", ""));
        all.putAll(properties);
        AppProcess app = AppProcess.quarkusApp(ROOT, module, FreePorts.find(), all, logs);
        extraApps.add(app);
        return app.start().awaitReady(START_TIMEOUT);
    }

    /** Stops the MongoDB stand-in gracefully (SIGTERM: H2 closes its store, nothing acknowledged is lost). */
    void stopMongo() {
        mongo.stop();
    }

    /**
     * Starts the MongoDB stand-in again on the same port (with its data when it is persistent) and waits until it
     * listens.
     */
    void startMongo() {
        mongo.start().awaitPort(START_TIMEOUT);
    }

    /** Stops PostgreSQL (fast shutdown: sessions and the replication connection are cut). */
    void stopPostgres() {
        if (postgresData == null) {
            throw new IllegalStateException("start the pipeline with restartablePostgres() to restart PostgreSQL");
        }
        postgres.close();
    }

    /** Starts PostgreSQL again on the same data directory and port. */
    void startPostgres() {
        postgres = EmbeddedPostgresServer.start(postgresData, postgresPort);
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
        extraApps.forEach(AppProcess::stop);
        readApi.stop();
        extraBridges.forEach(AppProcess::stop);
        bridge.stop();
        writeApi.stop();
        mongo.kill();
        postgres.close();
        deleteRecursively(postgresData);
    }

    private static void deleteRecursively(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot delete " + path, e);
        }
    }
}
