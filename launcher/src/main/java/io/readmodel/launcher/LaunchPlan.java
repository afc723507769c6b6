package io.readmodel.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code pipeline up} starts, in start order, once PostgreSQL and MongoDB are known. Pure: no process is
 * started here, which keeps the command lines unit-testable.
 *
 * @param repository the repository root, holding {@code <app>/target/quarkus-app/quarkus-run.jar}
 * @param pgPort the port of the PostgreSQL server on loopback
 * @param database the database the apps use
 * @param mongoUri the MongoDB connection string the bridge and read-api use
 * @param ports the HTTP ports of the three apps
 * @param jwtPublicKey the PEM file the apps verify bearer tokens with ({@link DevCredentials}), or null to leave
 *        {@code mp.jwt.verify.publickey.location} to the apps' own configuration
 */
public record LaunchPlan(Path repository, int pgPort, String database, String mongoUri, HttpPorts ports, Path jwtPublicKey) {

    /** A plan that leaves the token verification key to the apps' own configuration. */
    public LaunchPlan(Path repository, int pgPort, String database, String mongoUri, HttpPorts ports) {
        this(repository, pgPort, database, mongoUri, ports, null);
    }

    /** The superuser of the embedded PostgreSQL; it authenticates with {@code trust} on loopback. */
    public static final String PG_USER = "postgres";

    /**
     * The HTTP ports of the three applications.
     *
     * @param writeApi write-api's port (default 8081)
     * @param cdcBridge cdc-bridge's port (default 8083)
     * @param readApi read-api's port (default 8080)
     */
    public record HttpPorts(int writeApi, int cdcBridge, int readApi) {
    }

    /** The three apps in start order: write-api migrates the schema the bridge publishes, read-api comes last. */
    public List<AppLaunch> apps() {
        return List.of(writeApi(), cdcBridge(), readApi());
    }

    /** The JDBC URL of the database (also what an operator pastes into a SQL client). */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + database;
    }

    AppLaunch writeApi() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", Integer.toString(ports.writeApi()));
        properties.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + pgPort + "/" + database);
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl());
        properties.put("quarkus.datasource.username", PG_USER);
        properties.put("quarkus.datasource.password", "");
        verifyTokens(properties);
        return new AppLaunch("write-api", jar("write-api"), ports.writeApi(), properties);
    }

    AppLaunch cdcBridge() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", Integer.toString(ports.cdcBridge()));
        properties.put("bridge.source.host", "127.0.0.1");
        properties.put("bridge.source.port", Integer.toString(pgPort));
        properties.put("bridge.source.database", database);
        properties.put("bridge.source.user", PG_USER);
        properties.put("bridge.source.password", "");
        properties.put("quarkus.mongodb.connection-string", mongoUri);
        verifyTokens(properties);
        return new AppLaunch("cdc-bridge", jar("cdc-bridge"), ports.cdcBridge(), properties);
    }

    AppLaunch readApi() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", Integer.toString(ports.readApi()));
        properties.put("quarkus.mongodb.connection-string", mongoUri);
        verifyTokens(properties);
        return new AppLaunch("read-api", jar("read-api"), ports.readApi(), properties);
    }

    /** The public key every app verifies bearer tokens with, when the launcher manages it. */
    private void verifyTokens(Map<String, String> properties) {
        if (jwtPublicKey != null) {
            properties.put("mp.jwt.verify.publickey.location", "file:" + jwtPublicKey.toAbsolutePath());
        }
    }

    private Path jar(String module) {
        return repository.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }
}
