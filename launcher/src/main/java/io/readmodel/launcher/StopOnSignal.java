package io.readmodel.launcher;

import sun.misc.Signal;

/**
 * Stops the pipeline in order on Ctrl-C and SIGTERM. A plain shutdown hook is not enough: the embedded
 * PostgreSQL and MongoDB register hooks of their own, and the JVM runs all hooks at once, so PostgreSQL
 * would stop while the bridge still streams from it. Handling the signal first stops the apps, then the
 * stand-in, then PostgreSQL (which removes their hooks), and only then exits. The shutdown hook stays as
 * the fallback for any other way the JVM ends.
 */
final class StopOnSignal {

    private StopOnSignal() {
    }

    static void install(RunningPipeline pipeline) {
        Runtime.getRuntime().addShutdownHook(new Thread(pipeline::stop, "pipeline-stop"));
        handle("INT", 130, pipeline);
        handle("TERM", 143, pipeline);
    }

    private static void handle(String name, int exitCode, RunningPipeline pipeline) {
        try {
            Signal.handle(new Signal(name), signal -> {
                System.out.println();
                System.out.println("pipeline: SIG" + name + " received, stopping in reverse order");
                pipeline.stop();
                System.exit(exitCode);
            });
        } catch (IllegalArgumentException | UnsupportedOperationException notHere) {
            // this platform does not deliver it: the shutdown hook still stops everything
        }
    }
}
