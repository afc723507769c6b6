package io.readmodel.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Echoes the bridge's initial-snapshot progress lines ({@code snapshot progress: ...}, logged every few seconds while
 * a snapshot runs) from its log file to the launcher's console, so that whoever started {@code ./pipeline up} on a big
 * database sees how far the snapshot is and how long it will take, without opening the log. Runs on a daemon thread
 * that follows the file while the app lives.
 */
final class ProgressEcho {

    /** The marker the bridge's {@code SnapshotProgress} puts in every progress line. */
    static final String MARKER = "snapshot progress: ";

    private ProgressEcho() {
    }

    /** Starts following {@code log}, printing progress lines to {@code out} as {@code <app>: <line>}. */
    static void follow(String app, Path log, PrintStream out, BooleanSupplier alive) {
        Thread thread = new Thread(() -> run(app, log, out, alive), app + "-progress-echo");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run(String app, Path log, PrintStream out, BooleanSupplier alive) {
        long offset = 0;
        StringBuilder partial = new StringBuilder();
        try {
            while (alive.getAsBoolean() || offset < size(log)) {
                if (Files.exists(log) && size(log) > offset) {
                    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                        file.seek(offset);
                        byte[] bytes = new byte[(int) Math.min(1 << 20, file.length() - offset)];
                        file.readFully(bytes);
                        offset += bytes.length;
                        partial.append(new String(bytes, StandardCharsets.UTF_8));
                    }
                    int newline;
                    while ((newline = partial.indexOf("\n")) >= 0) {
                        String line = partial.substring(0, newline);
                        partial.delete(0, newline + 1);
                        String progress = progressOf(line);
                        if (progress != null) {
                            out.println(app + ": " + progress);
                        }
                    }
                } else {
                    Thread.sleep(500);
                }
            }
        } catch (IOException | InterruptedException stop) {
            // the log went away or the launcher stops: nothing more to echo
        }
    }

    /** The progress part of a log line, or {@code null} when it is not a progress line. */
    static String progressOf(String line) {
        int at = line.indexOf(MARKER);
        return at < 0 ? null : line.substring(at);
    }

    private static long size(Path log) throws IOException {
        return Files.exists(log) ? Files.size(log) : 0;
    }
}
