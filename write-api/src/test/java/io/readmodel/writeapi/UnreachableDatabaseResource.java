package io.readmodel.writeapi;

import io.readmodel.infra.FreePorts;
import java.util.HashMap;
import java.util.Map;

/**
 * A real PostgreSQL for Flyway at start, but the reactive pool is pointed at a port where nothing listens:
 * every command meets an unreachable database.
 */
public class UnreachableDatabaseResource extends PostgresResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> properties = new HashMap<>(super.start());
        properties.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + FreePorts.find() + "/" + DATABASE);
        return properties;
    }
}
