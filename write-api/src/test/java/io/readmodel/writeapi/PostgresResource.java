package io.readmodel.writeapi;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.readmodel.infra.EmbeddedPostgresServer;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a throw-away real PostgreSQL (logical WAL) with an empty database {@code shop} for the application under
 * test, hands it to fields marked {@link InjectPostgres}, and stops it afterwards.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    /** The database the application uses. */
    public static final String DATABASE = "shop";

    private EmbeddedPostgresServer server;

    @Override
    public Map<String, String> start() {
        server = EmbeddedPostgresServer.startTemporary();
        server.createDatabase(DATABASE);
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.datasource.reactive.url", server.reactiveUrl(DATABASE));
        properties.put("quarkus.datasource.jdbc.url", server.jdbcUrl(DATABASE));
        properties.put("quarkus.datasource.username", EmbeddedPostgresServer.SUPERUSER);
        properties.put("quarkus.datasource.password", "");
        return properties;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectPostgres.class, EmbeddedPostgresServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
