package io.readmodel.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One application running as a child process, its output in a log file of its own. */
final class ChildProcess {

    /** setsid(1) keeps a terminal's Ctrl-C away from the child, so that the launcher stops it in order. */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /** SmallRye Health's message code for "Reporting health down status". */
    private static final String HEALTH_DOWN_LOG_CODE = "SRHCK01001";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final AppLaunch launch;
    private final Path log;
    private final Process process;

    private ChildProcess(AppLaunch launch, Path log, Process process) {
        this.launch = launch;
        this.log = log;
        this.process = process;
    }

    /** Starts the app; the previous run's log is kept as {@code <app>.log.1}. */
    static ChildProcess start(AppLaunch launch, List<String> commandLine, Path logDirectory) {
        Path log = logDirectory.resolve(launch.name() + ".log");
        try {
            Files.createDirectories(logDirectory);
            if (Files.exists(log)) {
                Files.move(log, logDirectory.resolve(launch.name() + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(SETSID)) {
                command.add(SETSID.toString());
            }
            command.addAll(commandLine);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            return new ChildProcess(launch, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + launch.name(), e);
        }
    }

    /**
     * Waits until {@code /q/health/ready} answers 200.
     *
     * @throws StartupFailure if the process exits or the timeout passes first
     */
    void awaitReady(Duration timeout) throws InterruptedException {
        Instant started = Instant.now();
        Instant deadline = started.plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(URI.create(launch.readinessUrl()))
                .timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new StartupFailure(launch.name() + " exited with code " + process.exitValue()
                        + " during startup", this);
            }
            try {
                last = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (last.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            }
            // quick at first (apps start in seconds), then gently: every DOWN answer is logged by the app
            boolean early = Duration.between(started, Instant.now()).compareTo(Duration.ofSeconds(10)) < 0;
            Thread.sleep(early ? 250 : 2000);
        }
        throw new StartupFailure(launch.name() + " was not ready within " + timeout.toSeconds() + " s: "
                + launch.readinessUrl() + (last == null ? " never answered"
                        : " last answered " + last.statusCode() + " " + last.body().replaceAll("\\s+", " ")), this);
    }

    /** Stops the app: SIGTERM (Quarkus shuts down gracefully), SIGKILL after the grace period. */
    void stop(Duration grace) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            System.err.println(launch.name() + " did not stop within " + grace.toSeconds() + " s: killing it");
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    AppLaunch launch() {
        return launch;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    /**
     * The last lines of the log, for a failure message, without SmallRye Health's "Reporting health down
     * status" lines: the launcher's own polling causes them, and they would hide the cause.
     */
    String logTail(int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.contains(HEALTH_DOWN_LOG_CODE))
                    .toList();
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** An app that died or never became ready during startup. */
    static final class StartupFailure extends RuntimeException {
        private final transient ChildProcess child;

        StartupFailure(String message, ChildProcess child) {
            super(message);
            this.child = child;
        }

        ChildProcess child() {
            return child;
        }
    }
}
