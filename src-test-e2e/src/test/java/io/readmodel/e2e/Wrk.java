package io.readmodel.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the HTTP load generator {@code wrk} (a C program, so the load does not come from a JVM competing with the
 * apps) with a Lua script that asks for {@code <prefix><random id in [first, last]>} on every request, and reads
 * its figures. The binary is {@code wrk} on the PATH, or {@code -Dbench.reads.wrk=/path/to/wrk}.
 */
final class Wrk {

    /** Every thread seeds its own generator, so the threads do not walk the same id sequence. */
    private static final String RANDOM_IDS_SCRIPT = """
            -- args: path prefix, first id, last id
            local counter = 0
            function setup(thread)
              counter = counter + 1
              thread:set("thread_number", counter)
            end
            function init(args)
              prefix = args[1]
              first = tonumber(args[2])
              last = tonumber(args[3])
              math.randomseed(os.time() * 1000 + thread_number * 7919)
            end
            function request()
              return wrk.format("GET", prefix .. math.random(first, last))
            end
            """;

    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors:[^\\n]*");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

    private final Path binary;
    private final Path script;

    private Wrk(Path binary, Path script) {
        this.binary = binary;
        this.script = script;
    }

    /**
     * wrk's figures for one run.
     *
     * @param requestsPerSecond wrk's {@code Requests/sec}
     * @param p50Millis the median latency
     * @param p99Millis the 99th percentile latency
     * @param requests requests completed
     * @param non2xx answers that were neither 2xx nor 3xx (a missing id would count here)
     * @param socketErrors wrk's socket error line, or empty
     * @param raw wrk's whole output
     */
    record Result(double requestsPerSecond, double p50Millis, double p99Millis, long requests, long non2xx,
            String socketErrors, String raw) {

        /**
         * Requests wrk gave up on after its 2 s timeout: they are missing from its latency distribution, so p99
         * understates the tail when this is not zero.
         */
        long timeouts() {
            Matcher timeouts = Pattern.compile("timeout (\\d+)").matcher(socketErrors);
            return timeouts.find() ? Long.parseLong(timeouts.group(1)) : 0;
        }
    }

    /** Finds wrk, or fails saying how to install it; writes the Lua script into {@code directory}. */
    static Wrk locate(Path directory) {
        Path binary = Optional.ofNullable(System.getProperty("bench.reads.wrk")).map(Path::of).or(Wrk::onPath)
                .filter(Files::isExecutable)
                .orElseThrow(() -> new IllegalStateException("wrk is not installed: the reads benchmark drives HTTP with it."
                        + " Install it with `apt-get install -y wrk` (Debian/Ubuntu; as root), or pass -Dbench.reads.wrk=/path/to/wrk"));
        try {
            Files.createDirectories(directory);
            Path script = directory.resolve("random-ids.lua");
            Files.writeString(script, RANDOM_IDS_SCRIPT);
            return new Wrk(binary, script);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Path> onPath() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "wrk");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The command line for a run (also written into the report). */
    List<String> command(int threads, int connections, int seconds, String baseUrl, String prefix, long first, long last) {
        return List.of(binary.toString(), "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", script.toString(), baseUrl, "--", prefix, Long.toString(first), Long.toString(last));
    }

    /** Runs wrk and parses its output; fails when wrk fails or prints no figures. */
    Result run(int threads, int connections, int seconds, String baseUrl, String prefix, long first, long last) {
        List<String> command = command(threads, connections, seconds, baseUrl, prefix, first, last);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("wrk failed: " + String.join(" ", command) + "\n" + output);
            }
            return parse(output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads wrk's {@code --latency} output. */
    static Result parse(String output) {
        Matcher rps = REQUESTS_PER_SECOND.matcher(output);
        if (!rps.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's output:\n" + output);
        }
        Matcher non2xx = NON_2XX.matcher(output);
        Matcher socket = SOCKET_ERRORS.matcher(output);
        Matcher requests = REQUESTS.matcher(output);
        return new Result(Double.parseDouble(rps.group(1)), percentileMillis(output, "50"), percentileMillis(output, "99"),
                requests.find() ? Long.parseLong(requests.group(1)) : -1, non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
                socket.find() ? socket.group() : "", output);
    }

    /** A line of the latency distribution, e.g. {@code "     99%    5.21ms"}, in milliseconds. */
    private static double percentileMillis(String output, String percent) {
        Matcher line = Pattern.compile("^\\s*" + percent + "%\\s+([0-9.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE).matcher(output);
        if (!line.find()) {
            throw new IllegalStateException("no " + percent + "% latency in wrk's output (run it with --latency):\n" + output);
        }
        double value = Double.parseDouble(line.group(1));
        return switch (line.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            default -> value * 60_000;
        };
    }
}
