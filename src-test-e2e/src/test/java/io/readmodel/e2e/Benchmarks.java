package io.readmodel.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.readmodel.core.checkpoint.CheckpointDocument;
import io.readmodel.core.position.ConsistencyToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;

/**
 * What the benchmark classes share: the summary line of a series of figures, the report file under
 * {@code src-test-e2e/target/benchmarks/}, and the two probes they time the pipeline with (a projection's checkpoint
 * against a token, read-api's lag).
 */
final class Benchmarks {

    private static final Map<String, MongoClient> CLIENTS = new ConcurrentHashMap<>();

    private Benchmarks() {
    }

    /** {@code what: n=.. min .. median .. p99 .. max ..} (two decimals) and a line break. */
    static String summary(String what, List<Double> values) {
        return summary(what, values, 2);
    }

    /** {@code what: n=.. min .. median .. p99 .. max ..} with that many decimals, and a line break. */
    static String summary(String what, List<Double> values, int decimals) {
        String number = "%." + decimals + "f";
        return String.format("%s: n=%d min " + number + " median " + number + " p99 " + number + " max " + number + "%n", what,
                values.size(), percentile(values, 0), percentile(values, 0.5), percentile(values, 0.99), percentile(values, 1));
    }

    /** The value at this fraction of the sorted values (nearest rank below; 0 is the minimum, 1 the maximum). */
    static double percentile(List<Double> values, double fraction) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.floor((sorted.size() - 1) * fraction));
    }

    /** Writes a report to {@code target/benchmarks/<name>-<UTC time>.txt} and returns its path. */
    static Path write(String name, String report) throws IOException {
        Path directory = Path.of("target", "benchmarks");
        Files.createDirectories(directory);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path file = directory.resolve(name + "-" + stamp + ".txt");
        Files.writeString(file, report);
        return file;
    }

    /** A client on the pipeline's MongoDB, kept for the life of the JVM (benchmarks poll it often). */
    static MongoClient mongo(Pipeline pipeline) {
        return CLIENTS.computeIfAbsent(pipeline.mongoUri, MongoClients::create);
    }

    /** Closes the client {@link #mongo(Pipeline)} keeps for this pipeline (call it before the pipeline stops). */
    static void forgetMongo(Pipeline pipeline) {
        MongoClient client = CLIENTS.remove(pipeline.mongoUri);
        if (client != null) {
            client.close();
        }
    }

    /** Whether the projection's stored checkpoint is at or after the token. */
    static boolean checkpointPassed(Pipeline pipeline, String projection, String token) {
        Document stored = mongo(pipeline).getDatabase("readmodel").getCollection(CheckpointDocument.COLLECTION)
                .find(Filters.eq("_id", projection)).first();
        return stored != null && ConsistencyToken.parse(token).isSatisfiedBy(CheckpointDocument.fromDocument(stored).appliedLsn());
    }

    /** Documents of a projection that stand for a live row (not tombstones). */
    static long liveDocuments(Pipeline pipeline, String projection) {
        return mongo(pipeline).getDatabase("readmodel").getCollection(projection).countDocuments(Filters.eq("_meta.live", true));
    }

    /** The process's resident set ({@code VmRSS} in {@code /proc/<pid>/status}) in MB, or -1 when it is not running. */
    static long residentMegabytes(AppProcess app) {
        if (!app.isAlive()) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(app.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+")[0]) / 1024;
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // the process ended between the check and the read
        }
        return -1;
    }

    /** The machine's load averages over 1, 5 and 15 minutes ({@code /proc/loadavg}), to judge how noisy a figure is. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The largest lag read-api reports over all projections, in seconds. */
    static double lagSeconds(Pipeline pipeline) {
        Http.Response lag = Http.get(pipeline.readApi.url("/lag"), Map.of());
        double max = 0;
        for (JsonNode projection : lag.json().path("projections")) {
            max = Math.max(max, projection.path("lagSeconds").asDouble());
        }
        return max;
    }
}
