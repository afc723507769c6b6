package io.readmodel.writeapi;

import io.readmodel.infra.FreePorts;
import java.util.HashMap;
import java.util.Map;

/**
 * A real PostgreSQL for Flyway at start, but the reactive pool is pointed at a port where nothing listens:
 * every command meets an unreachable database. A password is configured and the log captured
 * ({@link CapturedLogs}), so that the outage's answers and log lines can be checked for it.
 */
public class UnreachableDatabaseResource extends PostgresResource {

    /** Name of the captured log. */
    public static final String LOG = "database-outage";

    @Override
    public Map<String, String> start() {
        Map<String, String> properties = new HashMap<>(super.start());
        properties.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + FreePorts.find() + "/" + DATABASE);
        properties.putAll(CapturedLogs.properties(LOG));
        return properties;
    }
}
