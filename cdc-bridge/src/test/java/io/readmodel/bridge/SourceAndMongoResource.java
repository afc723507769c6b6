package io.readmodel.bridge;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.readmodel.infra.EmbeddedPostgresServer;
import io.readmodel.infra.MongoStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

/** Starts a real PostgreSQL with write-api's schema and the MongoDB stand-in for the bridge's tests. */
public class SourceAndMongoResource implements QuarkusTestResourceLifecycleManager {

    static EmbeddedPostgresServer postgres;
    static MongoStandIn mongo;

    @Override
    public Map<String, String> start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        postgres.createDatabase("shop");
        try (Connection connection = postgres.connect("shop")) {
            try (var migrations = Files.list(Path.of("../write-api/src/main/resources/db/migration"))) {
                for (Path migration : migrations.sorted().toList()) {
                    connection.createStatement().execute(Files.readString(migration));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the schema", e);
        }
        mongo = MongoStandIn.startInMemory();
        return Map.of(
                "bridge.source.port", Integer.toString(postgres.port()),
                "bridge.source.database", "shop",
                "quarkus.mongodb.connection-string", mongo.connectionString());
    }

    @Override
    public void stop() {
        if (mongo != null) {
            mongo.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
