package io.readmodel.launcher;

import io.readmodel.infra.EmbeddedPostgresServer;
import io.readmodel.infra.MongoStandIn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code pipeline up} started, stopped in reverse order: the apps (newest first, each given time to
 * shut down gracefully), then the MongoDB stand-in, then PostgreSQL. Stopping is idempotent and thread-safe,
 * because a signal handler, a shutdown hook and the main thread may all ask for it.
 */
final class RunningPipeline {

    private final Duration appStopGrace;
    private final List<ChildProcess> apps = new ArrayList<>();
    private EmbeddedPostgresServer postgres;
    private MongoStandIn mongo;
    private boolean stopped;

    RunningPipeline(Duration appStopGrace) {
        this.appStopGrace = appStopGrace;
    }

    synchronized void postgres(EmbeddedPostgresServer server) {
        this.postgres = server;
    }

    synchronized void mongo(MongoStandIn standIn) {
        this.mongo = standIn;
    }

    synchronized void add(ChildProcess app) {
        apps.add(app);
        if (stopped) { // a signal arrived while it was being started
            try {
                app.stop(appStopGrace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    synchronized boolean isStopping() {
        return stopped;
    }

    /** The first app that is no longer running, if any. */
    synchronized Optional<ChildProcess> firstDeadApp() {
        return apps.stream().filter(app -> !app.isAlive()).findFirst();
    }

    /** Stops everything that was started, in reverse order; later calls do nothing. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        for (int i = apps.size() - 1; i >= 0; i--) {
            ChildProcess app = apps.get(i);
            if (app.isAlive()) {
                System.out.println("stopping " + app.launch().name() + " (pid " + app.pid() + ")");
            }
            try {
                app.stop(appStopGrace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (mongo != null) {
            System.out.println("stopping the MongoDB stand-in");
            mongo.close();
        }
        if (postgres != null) {
            System.out.println("stopping PostgreSQL");
            postgres.close();
        }
        System.out.flush();
    }
}
