package io.readmodel.launcher;

import io.readmodel.infra.EmbeddedPostgresServer;
import io.readmodel.infra.FreePorts;
import io.readmodel.infra.MongoStandIn;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pipeline up}: PostgreSQL (real binaries, {@code wal_level=logical}), the MongoDB stand-in, then
 * write-api, cdc-bridge and read-api as child processes, each started once the previous one is ready. Runs
 * until Ctrl-C or SIGTERM, then stops everything in reverse order.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Starts PostgreSQL, the MongoDB stand-in (unless --mongodb-uri), write-api, cdc-bridge and "
                + "read-api on this machine, and runs until Ctrl-C.",
                "Data persists under --data-dir between runs; delete that directory to start afresh."})
final class UpCommand implements Callable<Integer> {

    /** Exit code when something failed to start. */
    static final int STARTUP_FAILED = 1;

    @Option(names = "--repository", paramLabel = "DIR",
            description = "Repository root holding <app>/target/quarkus-app/ (default: derived from the launcher jar).")
    Path repository;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where PostgreSQL, the MongoDB stand-in and the logs keep their files (default: <repository>/.pipeline).")
    Path dataDir;

    @Option(names = "--pg-port", defaultValue = "5433", paramLabel = "PORT",
            description = "PostgreSQL port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int pgPort;

    @Option(names = "--database", defaultValue = "shop", paramLabel = "NAME",
            description = "The database the apps use (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--mongo-port", defaultValue = "27018", paramLabel = "PORT",
            description = "Port of the embedded MongoDB stand-in on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int mongoPort;

    @Option(names = "--mongodb-uri", paramLabel = "URI",
            description = "Use this MongoDB instead of the embedded stand-in (nothing is embedded then).")
    String mongodbUri;

    @Option(names = "--write-api-port", defaultValue = "8081", paramLabel = "PORT",
            description = "write-api HTTP port (default: ${DEFAULT-VALUE}).")
    int writeApiPort;

    @Option(names = "--cdc-bridge-port", defaultValue = "8083", paramLabel = "PORT",
            description = "cdc-bridge HTTP port (default: ${DEFAULT-VALUE}).")
    int cdcBridgePort;

    @Option(names = "--read-api-port", defaultValue = "8080", paramLabel = "PORT",
            description = "read-api HTTP port (default: ${DEFAULT-VALUE}).")
    int readApiPort;

    @Option(names = "--jvm-arg", paramLabel = "ARG",
            description = "An extra JVM argument for every app, e.g. --jvm-arg=-Xmx512m or "
                    + "--jvm-arg=-Dquarkus.log.level=DEBUG (repeatable). On Java 25+ the apps get "
                    + "-XX:+UseCompactObjectHeaders first; --jvm-arg=-XX:-UseCompactObjectHeaders turns it off.")
    List<String> jvmArgs = new ArrayList<>();

    @Option(names = "--startup-timeout", defaultValue = "180", paramLabel = "SECONDS",
            description = "How long each app may take to become ready (default: ${DEFAULT-VALUE}).")
    int startupTimeoutSeconds;

    @Option(names = "--stop-timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long each app may take to stop before it is killed (default: ${DEFAULT-VALUE}).")
    int stopTimeoutSeconds;

    @Option(names = "--demo", description = "Once everything is up, place a few orders through write-api.")
    boolean demo;

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        Path repo = Optional.ofNullable(repository).orElseGet(UpCommand::defaultRepository).toAbsolutePath().normalize();
        Path data = Optional.ofNullable(dataDir).orElse(repo.resolve(".pipeline")).toAbsolutePath().normalize();
        Path logs = data.resolve("logs");
        Files.createDirectories(logs);
        // PostgreSQL's, H2's and mongo-java-server's own logging (slf4j-simple) goes to a file, not the console
        System.setProperty("org.slf4j.simpleLogger.logFile", logs.resolve("infra.log").toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");

        boolean embeddedMongo = mongodbUri == null || mongodbUri.isBlank();
        int pg = pgPort == 0 ? FreePorts.find() : pgPort;
        int mongoListen = !embeddedMongo ? -1 : mongoPort == 0 ? FreePorts.find() : mongoPort;
        DevCredentials credentials = DevCredentials.loadOrCreate(data.resolve("jwt"));
        LaunchPlan plan = new LaunchPlan(repo, pg, database,
                embeddedMongo ? "mongodb://127.0.0.1:" + mongoListen : mongodbUri,
                new LaunchPlan.HttpPorts(writeApiPort, cdcBridgePort, readApiPort), credentials.publicKey());

        List<String> problems = preflight(plan, embeddedMongo ? mongoListen : -1);
        if (!problems.isEmpty()) {
            problems.forEach(problem -> err.println("pipeline up: " + problem));
            return STARTUP_FAILED;
        }

        RunningPipeline pipeline = new RunningPipeline(Duration.ofSeconds(stopTimeoutSeconds));
        StopOnSignal.install(pipeline);
        try {
            out.println("PostgreSQL: starting on 127.0.0.1:" + pg + " (data " + data.resolve("postgres") + ")");
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data.resolve("postgres"), pg);
            pipeline.postgres(postgres);
            postgres.createDatabase(database);
            if (embeddedMongo) {
                Path file = data.resolve("mongo").resolve("readmodel.h2");
                out.println("MongoDB stand-in: starting on 127.0.0.1:" + mongoListen + " (data " + file + ")");
                pipeline.mongo(MongoStandIn.startPersistent(file, mongoListen));
            } else {
                out.println("MongoDB: using " + plan.mongoUri() + " (nothing embedded)");
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> appJvmOptions = AppJvmOptions.of(Runtime.version().feature(), jvmArgs);
            for (AppLaunch app : plan.apps()) {
                long started = System.nanoTime();
                out.println(app.name() + ": starting on " + app.baseUrl() + " (log " + logs.resolve(app.name() + ".log") + ")");
                ChildProcess child = ChildProcess.start(app, app.commandLine(java, appJvmOptions), logs);
                pipeline.add(child);
                if ("cdc-bridge".equals(app.name())) {
                    ProgressEcho.follow(app.name(), child.log(), out, child::isAlive);
                }
                child.awaitReady(Duration.ofSeconds(startupTimeoutSeconds));
                out.printf("%s: ready in %.1f s%n", app.name(), (System.nanoTime() - started) / 1e9);
            }
        } catch (ChildProcess.StartupFailure e) {
            if (!pipeline.isStopping()) {
                err.println("pipeline up: " + e.getMessage() + "; last lines of " + e.child().log() + ":");
                err.println(e.child().logTail(40));
            }
            pipeline.stop();
            return STARTUP_FAILED;
        } catch (RuntimeException e) {
            if (!pipeline.isStopping()) {
                err.println("pipeline up: " + e + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
                err.println("  infrastructure log: " + logs.resolve("infra.log"));
            }
            pipeline.stop();
            return STARTUP_FAILED;
        }

        out.print(Banner.render(plan, embeddedMongo, data, logs, credentials.token()));
        out.flush();
        if (demo) {
            new Demo(plan.apps().get(0).baseUrl(), plan.apps().get(2).baseUrl(), credentials.token(), out).run();
        }
        return watch(pipeline);
    }

    /** Runs until a signal stops the pipeline, or an app dies: then everything stops and the exit code is 1. */
    private int watch(RunningPipeline pipeline) throws InterruptedException {
        while (!pipeline.isStopping()) {
            Optional<ChildProcess> dead = pipeline.firstDeadApp();
            if (dead.isPresent() && !pipeline.isStopping()) {
                ChildProcess app = dead.get();
                err.println("pipeline: " + app.launch().name() + " exited with code " + app.exitValue()
                        + "; last lines of " + app.log() + ":");
                err.println(app.logTail(40));
                err.println("pipeline: stopping everything");
                pipeline.stop();
                return STARTUP_FAILED;
            }
            Thread.sleep(1000);
        }
        return 0;
    }

    /** What would make the start fail, found before anything starts: missing jars, ports in use. */
    private static List<String> preflight(LaunchPlan plan, int mongoPort) {
        List<String> problems = new ArrayList<>();
        for (AppLaunch app : plan.apps()) {
            if (!Files.isRegularFile(app.jar())) {
                problems.add(app.jar() + " is missing: build with ./mvnw -B -DskipTests install (./pipeline does it)");
            }
        }
        checkPort(problems, plan.pgPort(), "PostgreSQL", "--pg-port");
        if (mongoPort > 0) {
            checkPort(problems, mongoPort, "the MongoDB stand-in", "--mongo-port");
        }
        checkPort(problems, plan.ports().writeApi(), "write-api", "--write-api-port");
        checkPort(problems, plan.ports().cdcBridge(), "cdc-bridge", "--cdc-bridge-port");
        checkPort(problems, plan.ports().readApi(), "read-api", "--read-api-port");
        return problems;
    }

    private static void checkPort(List<String> problems, int port, String what, String option) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            // free: the probe closes at once
        } catch (IOException e) {
            problems.add("port " + port + " for " + what + " is in use (a previous run still alive?); "
                    + "choose another with " + option + "=PORT");
        }
    }

    /** {@code <repository>/launcher/target/launcher.jar} (or {@code .../target/classes}) → the repository. */
    static Path defaultRepository() {
        String home = System.getProperty("pipeline.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        try {
            Path location = Path.of(UpCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = location.getParent();
            if (target != null && target.getFileName() != null && target.getFileName().toString().equals("target")
                    && target.getParent() != null && target.getParent().getParent() != null) {
                return target.getParent().getParent();
            }
        } catch (Exception notFromAFile) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }
}
