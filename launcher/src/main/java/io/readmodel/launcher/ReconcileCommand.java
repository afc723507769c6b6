package io.readmodel.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pipeline reconcile <projection>...}: asks a running bridge to compare projections with PostgreSQL
 * (and repair them with {@code --repair}), prints the report, and exits 0 when there is no drift, 1 when there
 * is, 2 when the bridge could not answer.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = "Compare read models with PostgreSQL (missing, extra, different documents); optionally repair.")
final class ReconcileCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PROJECTION", description = "Projections to reconcile, e.g. orders customers.")
    List<String> projections;

    @Option(names = "--bridge", defaultValue = "http://127.0.0.1:8083", description = "The bridge's URL (default: ${DEFAULT-VALUE}).")
    URI bridge;

    @Option(names = "--repair", description = "Rewrite the drifted documents from a source snapshot.")
    boolean repair;

    @Option(names = "--token", defaultValue = "${env:READMODEL_TOKEN}",
            description = "Bearer token with the admin role (default: $READMODEL_TOKEN).")
    String token;

    @Option(names = "--json", description = "Print the raw reports.")
    boolean json;

    @Spec
    CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        boolean drift = false;
        for (String projection : projections) {
            try {
                JsonNode report = reconcile(client, projection);
                drift |= report.path("drift").asInt() > 0 && !(repair && report.path("remainingAfterRepair").asInt() == 0);
                out.println(json ? report.toPrettyString() : ReconcileCommand.summary(report));
            } catch (IOException | IllegalStateException e) {
                spec.commandLine().getErr().println(projection + ": " + e.getMessage());
                return 2;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 2;
            }
        }
        return drift ? 1 : 0;
    }

    private JsonNode reconcile(HttpClient client, String projection) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(bridge.resolve("/admin/reconciliations/" + projection + (repair ? "?repair=true" : "")))
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.trim());
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the bridge answered " + response.statusCode() + ": " + problemDetail(response.body()));
        }
        return JSON.readTree(response.body());
    }

    /** A problem document's detail (409 while another reconciliation runs, 503 when the heap is too small), else the body. */
    static String problemDetail(String body) {
        try {
            JsonNode detail = JSON.readTree(body).path("detail");
            return detail.isTextual() ? detail.asText() : body;
        } catch (IOException e) {
            return body;
        }
    }

    /** One line per projection, then a few examples of each kind of drift. */
    static String summary(JsonNode report) {
        StringBuilder text = new StringBuilder(String.format("%s: expected %d, actual %d; missing %d, extra %d, different %d (snapshot %s, %d ms)",
                report.path("projection").asText(), report.path("expected").asInt(), report.path("actual").asInt(),
                report.path("missing").asInt(), report.path("extra").asInt(), report.path("different").asInt(),
                report.path("snapshotPosition").asText(), report.path("durationMillis").asLong()));
        report.path("missingExamples").forEach(id -> text.append("\n  missing   ").append(id.asText()));
        report.path("extraExamples").forEach(id -> text.append("\n  extra     ").append(id.asText()));
        report.path("differentExamples").forEach(difference -> text.append("\n  different ").append(difference.path("id").asText())
                .append("\n    expected ").append(difference.path("expected").asText())
                .append("\n    actual   ").append(difference.path("actual").asText()));
        if (report.path("repaired").asBoolean()) {
            text.append("\n  repaired: ").append(report.path("remainingAfterRepair").asInt()).append(" drifted documents remain");
        }
        return text.toString();
    }
}
