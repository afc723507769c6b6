package io.readmodel.writeapi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Secrets configured the way production passes them (a database password), and the application's whole log
 * written to a file, so that a test can prove the secrets never reach it. The security categories log at
 * DEBUG to make the check stricter than production.
 */
public final class CapturedLogs {

    /** The database password the application is given (the embedded server trusts loopback, so it is unused). */
    public static final String DATABASE_PASSWORD = "pw-" + UUID.randomUUID();

    private CapturedLogs() {
    }

    /** The log file of an application started with {@link #properties(String)}. */
    public static Path file(String name) {
        return Path.of("target", "captured-logs", name + ".log").toAbsolutePath();
    }

    /** The configuration that sets the password and captures the log into {@link #file(String)}. */
    public static Map<String, String> properties(String name) {
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.datasource.password", DATABASE_PASSWORD);
        properties.put("quarkus.log.file.enabled", "true");
        properties.put("quarkus.log.file.path", file(name).toString());
        properties.put("quarkus.log.category.\"io.quarkus.security\".level", "DEBUG");
        properties.put("quarkus.log.category.\"io.quarkus.smallrye.jwt\".level", "DEBUG");
        properties.put("quarkus.log.category.\"io.smallrye.jwt\".level", "DEBUG");
        properties.put("quarkus.log.category.\"io.quarkus.vertx.http.runtime.security\".level", "DEBUG");
        return properties;
    }

    /** Everything logged so far. */
    public static String read(String name) {
        try {
            return Files.readString(file(name));
        } catch (IOException e) {
            throw new IllegalStateException("no captured log " + file(name), e);
        }
    }
}
