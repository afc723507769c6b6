package io.readmodel.e2e;

import static io.readmodel.e2e.Sleeps.sleep;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One application run as a real process from its packaged jar, with its output in a log file. */
final class AppProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final Path log;
    private final int port;
    private final Map<String, String> environment = new java.util.HashMap<>();
    private Process process;
    private volatile Instant startedAt;

    private AppProcess(String name, List<String> command, Path log, int port) {
        this.name = name;
        this.command = command;
        this.log = log;
        this.port = port;
    }

    /** A Quarkus app of this repository, configured with system properties. */
    static AppProcess quarkusApp(Path root, String module, int port, Map<String, String> properties, Path logs) {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the apps first (./mvnw verify does)");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(module), "-Xmx512m", "-Dquarkus.http.port=" + port,
                "-Dmp.jwt.verify.publickey.location=" + E2eTokens.publicKeyLocation()));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        // extra JVM options for one app, e.g. -De2e.jvm.cdc-bridge=-XX:StartFlightRecording=filename=bridge.jfr
        String extra = System.getProperty("e2e.jvm." + module, "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        return new AppProcess(module, command, logs.resolve(module + ".log"), port);
    }

    /** A Quarkus app of this repository under another name (its log is {@code <name>.log}): a second instance. */
    static AppProcess quarkusApp(Path root, String module, String name, int port, Map<String, String> properties, Path logs) {
        AppProcess app = quarkusApp(root, module, port, properties, logs);
        return new AppProcess(name, app.command, logs.resolve(name + ".log"), port);
    }

    /**
     * A plain Java main class from this test's class path, with these JVM options first (e.g. {@code -Xmx2g};
     * {@code -De2e.jvm.<name>=...} adds to them, and a repeated option overrides them).
     */
    static AppProcess javaMain(String name, String mainClass, List<String> args, List<String> jvmOptions, int port, Path logs) {
        List<String> command = new ArrayList<>(List.of(javaBinary(name)));
        command.addAll(jvmOptions);
        String extra = System.getProperty("e2e.jvm." + name, "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        return new AppProcess(name, command, logs.resolve(name + ".log"), port);
    }

    /** The test's own {@code java}, unless {@code -De2e.java.<name>=<path to java>} names another (a benchmark variant). */
    private static String javaBinary(String name) {
        return System.getProperty("e2e.java." + name, Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** An environment variable for the process (from its next start). */
    AppProcess environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Starts the process (appending to its log). */
    AppProcess start() {
        try {
            Files.createDirectories(log.getParent());
            startedAt = Instant.now();
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            process = builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    AppProcess awaitReady(Duration timeout) {
        return awaitStatus("/q/health/ready", 200, timeout);
    }

    /** Waits until a path answers the given status. */
    AppProcess awaitStatus(String path, int status, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log tail:\n" + logTail());
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == status) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        throw new IllegalStateException(name + " did not answer " + status + " on " + path + " within " + timeout + "; log tail:\n" + logTail());
    }

    /** Waits until something accepts TCP connections on the port (a process that is not an HTTP app). */
    AppProcess awaitPort(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log tail:\n" + logTail());
            }
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
                return this;
            } catch (IOException e) {
                sleep(50);
            }
        }
        throw new IllegalStateException(name + " did not listen on " + port + " within " + timeout + "; log tail:\n" + logTail());
    }

    /**
     * The status a path answers now, or -1 when the app does not answer (not listening, or slower than the
     * timeout: a readiness check pinging an unreachable MongoDB takes its server-selection timeout).
     */
    int status(String path, Duration timeout) {
        try {
            return HTTP.send(HttpRequest.newBuilder(url(path)).timeout(timeout).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the process runs. */
    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The process id of the current run. */
    long pid() {
        return process.pid();
    }

    /** The app's name (its log file is {@code <name>.log}). */
    String name() {
        return name;
    }

    /** Waits for the process to end by itself and returns its exit code, or -1 when it still runs. */
    int awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The whole log. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** Asks the process to stop (SIGTERM) and waits. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A URL on this app. */
    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** When the process was last started, or null before its first start. */
    Instant startedAt() {
        return startedAt;
    }

    int port() {
        return port;
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }
}
