package io.readmodel.bridge;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@link SourceAndMongoResource} with a source password configured (the embedded server trusts loopback, so it
 * is unused) and the bridge's whole log captured to {@link #LOG}, security categories at DEBUG.
 */
public class AdminAccessResource extends SourceAndMongoResource {

    /** The configured {@code bridge.source.password}. */
    static final String PASSWORD = "pw-" + UUID.randomUUID();

    /** Where the bridge's log goes. */
    static final Path LOG = Path.of("target", "captured-logs", "admin-access.log").toAbsolutePath();

    @Override
    public Map<String, String> start() {
        Map<String, String> properties = new HashMap<>(super.start());
        properties.put("bridge.source.password", PASSWORD);
        properties.put("quarkus.log.file.enabled", "true");
        properties.put("quarkus.log.file.path", LOG.toString());
        properties.put("quarkus.log.category.\"io.quarkus.security\".level", "DEBUG");
        properties.put("quarkus.log.category.\"io.quarkus.smallrye.jwt\".level", "DEBUG");
        properties.put("quarkus.log.category.\"io.smallrye.jwt\".level", "DEBUG");
        return properties;
    }
}
