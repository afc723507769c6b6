package io.readmodel.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to start one application as a child process: {@code java [jvm args] -Dk=v... -jar quarkus-run.jar}.
 *
 * @param name the module name, also the log file's name ({@code write-api})
 * @param jar the packaged {@code quarkus-app/quarkus-run.jar}
 * @param httpPort the port its HTTP server listens on (health, API, metrics)
 * @param properties system properties passed with {@code -D}, in this order
 */
public record AppLaunch(String name, Path jar, int httpPort, Map<String, String> properties) {

    /** Copies the properties so that the launch is immutable and keeps their order. */
    public AppLaunch {
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The full command line, starting with the java executable. */
    public List<String> commandLine(String javaExecutable, List<String> jvmArgs) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable);
        command.addAll(jvmArgs);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** The base URL of its HTTP server on loopback. */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** SmallRye Health's readiness endpoint: 200 once the app can serve. */
    public String readinessUrl() {
        return baseUrl() + "/q/health/ready";
    }
}
