package io.readmodel.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time the benchmark's processes have used, read from {@code /proc}: each app, PostgreSQL (the postmaster, every
 * live backend, and the backends that have ended; its walsenders apart), the test JVM (which runs the writers), the
 * machine as a whole, and each thread of the bridge, the stand-in and read-api. The difference of two samples says who
 * used the cores in between; divided by the rows committed, how much CPU each component needs per row, and which
 * threads (the collector's, the compilers', one busy thread) take it.
 */
final class CpuTimes {

    /** {@code USER_HZ}, the unit of {@code /proc}'s CPU times ({@code getconf CLK_TCK}; 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;

    /** The components, in report order. */
    static final List<String> COMPONENTS = List.of("PostgreSQL", "writers (test JVM)", "walsender", "cdc-bridge", "mongo-stand-in",
            "read-api", "write-api");

    /** The key of the machine's busy time in {@link #microsPerRow}. */
    static final String MACHINE = "machine";

    /** The apps whose threads are reported one by one. */
    static final List<String> THREADED = List.of("cdc-bridge", "mongo-stand-in", "read-api");

    /** How many of each app's threads a report lists with their CPU per row. */
    private static final int BUSIEST_THREADS = 6;

    /**
     * CPU seconds used so far by each component, by the threads of each of {@link #THREADED} (by name and id, the
     * collector's and the JIT compilers' threads summed as "GC" and "JIT"), and by the machine.
     */
    record Sample(Map<String, Double> components, Map<String, Map<String, Double>> threads, double machineBusy, double machineTotal) {
    }

    private CpuTimes() {
    }

    /** The postmaster's process id: the parent of a backend. */
    static long postmaster(Pipeline pipeline) throws Exception {
        try (Connection connection = pipeline.sql(); Statement statement = connection.createStatement();
                ResultSet backend = statement.executeQuery("SELECT pg_backend_pid()")) {
            backend.next();
            return Long.parseLong(stat(backend.getLong(1)).get(2));
        }
    }

    /** Reads every figure now. */
    static Sample take(Pipeline pipeline, long postmaster) {
        Map<String, Double> components = new LinkedHashMap<>();
        double[] postgres = postgres(postmaster);
        components.put("PostgreSQL", postgres[0]);
        components.put("writers (test JVM)", seconds(ProcessHandle.current().pid(), false));
        components.put("walsender", postgres[1]);
        Map<String, AppProcess> apps = Map.of("cdc-bridge", pipeline.bridge, "mongo-stand-in", pipeline.mongo,
                "read-api", pipeline.readApi, "write-api", pipeline.writeApi);
        apps.forEach((name, app) -> components.put(name, seconds(app)));
        Map<String, Map<String, Double>> threads = new LinkedHashMap<>();
        THREADED.forEach(name -> threads.put(name, threads(apps.get(name))));
        double[] machine = machine();
        return new Sample(components, threads, machine[0], machine[1]);
    }

    /** CPU µs per row from one sample to a later one: each of {@link #COMPONENTS}, then "machine" (its busy time). */
    static Map<String, Double> microsPerRow(Sample first, Sample last, long rows) {
        Map<String, Double> micros = new LinkedHashMap<>();
        for (String component : COMPONENTS) {
            micros.put(component, perRow(last.components().get(component) - first.components().get(component), rows));
        }
        micros.put(MACHINE, perRow(last.machineBusy() - first.machineBusy(), rows));
        return micros;
    }

    /**
     * The first line has, per component, the CPU seconds in each interval between consecutive samples and the µs per
     * row over all of them, then the same for the machine's busy time; then a line per app of {@link #THREADED} with
     * its {@value #BUSIEST_THREADS} busiest threads per row.
     */
    static String report(String label, List<Sample> samples, List<String> intervals, long rows) {
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        Map<String, Double> micros = microsPerRow(first, last, rows);
        StringBuilder line = new StringBuilder(String.format("%s CPU s (%s) and µs per row:", label, String.join(" | ", intervals)));
        for (String component : COMPONENTS) {
            line.append(' ').append(component);
            for (int i = 1; i < samples.size(); i++) {
                line.append(i == 1 ? " " : " | ").append(String.format("%.1f",
                        samples.get(i).components().get(component) - samples.get(i - 1).components().get(component)));
            }
            line.append(String.format(" = %.0f µs;", micros.get(component)));
        }
        line.append(" machine busy");
        for (int i = 1; i < samples.size(); i++) {
            Sample from = samples.get(i - 1);
            Sample to = samples.get(i);
            line.append(i == 1 ? " " : " | ").append(String.format("%.1f of %.1f", to.machineBusy() - from.machineBusy(),
                    to.machineTotal() - from.machineTotal()));
        }
        line.append(String.format(" = %.0f µs%n", micros.get(MACHINE)));
        for (String app : THREADED) {
            Map<String, Double> before = first.threads().get(app);
            List<Map.Entry<String, Double>> used = new ArrayList<>();
            last.threads().get(app).forEach((thread, seconds) -> used.add(Map.entry(thread, seconds - before.getOrDefault(thread, 0.0))));
            used.sort(Map.Entry.<String, Double>comparingByValue().reversed());
            line.append(label).append(' ').append(app).append("'s busiest threads, µs per row:");
            used.stream().limit(BUSIEST_THREADS).forEach(thread -> line.append(String.format(" %s %.0f;", thread.getKey(),
                    perRow(thread.getValue(), rows))));
            line.append('\n');
        }
        return line.toString();
    }

    /** An app's CPU seconds; 0 before it has started (a deferred bridge), so its whole run counts once it has. */
    private static double seconds(AppProcess app) {
        return app.isAlive() ? seconds(app.pid(), false) : 0;
    }

    /** CPU seconds of each live thread of an app; the collector's and the compilers' threads summed. */
    private static Map<String, Double> threads(AppProcess app) {
        Map<String, Double> threads = new LinkedHashMap<>();
        if (!app.isAlive()) {
            return threads;
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(app.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                List<String> fields = stat(task.resolve("stat"));
                if (!fields.isEmpty()) {
                    threads.merge(threadGroup(fields.get(0), task.getFileName().toString()), ticks(fields, false) / TICKS_PER_SECOND,
                            Double::sum);
                }
            }
        } catch (IOException gone) {
            // the process ended: no threads to report
        }
        return threads;
    }

    /** "GC" for the collector's threads (G1's and the parallel ones), "JIT" for the compilers', else name and id. */
    private static String threadGroup(String name, String id) {
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "GC";
        }
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return "JIT";
        }
        return name + " (" + id + ")";
    }

    /** Microseconds of CPU per row. */
    private static double perRow(double seconds, long rows) {
        return rows == 0 ? 0 : seconds * 1e6 / rows;
    }

    /**
     * PostgreSQL's CPU seconds in two parts: the walsenders, which decode the WAL for the bridge (the pipeline's work
     * done inside PostgreSQL), and everything else: the postmaster with its ended children, and every other live child
     * (the writers' backends, the WAL writer, the checkpointer...).
     */
    private static double[] postgres(long postmaster) {
        double[] seconds = {seconds(postmaster, true), 0};
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                List<String> fields = stat(process.resolve("stat"));
                if (fields.size() > 2 && Long.parseLong(fields.get(2)) == postmaster) {
                    seconds[isWalsender(process) ? 1 : 0] += ticks(fields, false) / TICKS_PER_SECOND;
                }
            }
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
        return seconds;
    }

    /** Whether a PostgreSQL child's title ({@code postgres: walsender ...}) names a walsender. */
    private static boolean isWalsender(Path process) {
        try {
            return Files.readString(process.resolve("cmdline")).contains("walsender");
        } catch (IOException gone) {
            return false;
        }
    }

    private static double seconds(long pid, boolean withEndedChildren) {
        List<String> fields = stat(pid);
        return fields.isEmpty() ? 0 : ticks(fields, withEndedChildren) / TICKS_PER_SECOND;
    }

    /** utime + stime (fields 14 and 15 of {@code proc(5)}), and cutime + cstime (16, 17) when asked. */
    private static long ticks(List<String> fields, boolean withEndedChildren) {
        // fields.get(0) is the name, get(1) the state: field n of proc(5) is fields.get(n - 2)
        long ticks = Long.parseLong(fields.get(12)) + Long.parseLong(fields.get(13));
        return withEndedChildren ? ticks + Long.parseLong(fields.get(14)) + Long.parseLong(fields.get(15)) : ticks;
    }

    private static List<String> stat(long pid) {
        return stat(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** The name (without its parentheses), then the fields after it; empty when the process or thread has ended. */
    private static List<String> stat(Path file) {
        try {
            String text = Files.readString(file);
            int open = text.indexOf('(');
            int close = text.lastIndexOf(')');
            List<String> fields = new ArrayList<>();
            fields.add(text.substring(open + 1, close));
            fields.addAll(List.of(text.substring(close + 2).trim().split(" ")));
            return fields;
        } catch (IOException | RuntimeException gone) {
            return List.of();
        }
    }

    /** Busy and total CPU seconds of the whole machine ({@code /proc/stat}'s first line, idle and iowait not busy). */
    private static double[] machine() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new double[] {(total - idle) / TICKS_PER_SECOND, total / TICKS_PER_SECOND};
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}
