package io.readmodel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ReconcileCommandTest {

    @Test
    void printsTheReportAndExitsOneWhenThereIsDrift() throws Exception {
        String[] seen = new String[2];
        HttpServer bridge = bridgeAnswering(200, java.util.Map.of("projection", "orders", "expected", 3, "actual", 3,
                "missing", 0, "extra", 0, "different", 1, "drift", 1, "snapshotPosition", "0/1A#0", "durationMillis", 12,
                "differentExamples", java.util.List.of(java.util.Map.of("id", "7", "expected", "{a}", "actual", "{b}"))), seen);
        try {
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new PipelineCli());
            cli.setOut(new PrintWriter(out));
            int exit = cli.execute("reconcile", "orders", "--bridge", "http://127.0.0.1:" + bridge.getAddress().getPort(), "--token", "t0k");

            assertThat(exit).isEqualTo(1);
            assertThat(seen[0]).isEqualTo("/admin/reconciliations/orders");
            assertThat(seen[1]).isEqualTo("Bearer t0k");
            assertThat(out.toString()).contains("orders: expected 3, actual 3; missing 0, extra 0, different 1").contains("different 7");
        } finally {
            bridge.stop(0);
        }
    }

    @Test
    void aRefusalPrintsTheProblemsDetailAndExitsTwo() throws Exception {
        HttpServer bridge = bridgeAnswering(409, java.util.Map.of("type", "about:blank", "title", "Reconciliation running", "status", 409,
                "detail", "a reconciliation of 'customers' is running since 2026-12-07T13:00:00Z; try again when it has ended"), new String[2]);
        try {
            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(new PipelineCli());
            cli.setErr(new PrintWriter(err));
            int exit = cli.execute("reconcile", "orders", "--bridge", "http://127.0.0.1:" + bridge.getAddress().getPort());

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString().trim()).isEqualTo("orders: the bridge answered 409: a reconciliation of 'customers' is running "
                    + "since 2026-12-07T13:00:00Z; try again when it has ended");
        } finally {
            bridge.stop(0);
        }
    }

    @Test
    void anUnreachableBridgeExitsTwo() {
        CommandLine cli = new CommandLine(new PipelineCli());
        cli.setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("reconcile", "orders", "--bridge", "http://127.0.0.1:1")).isEqualTo(2);
    }

    /** A bridge that answers every reconciliation with this status and JSON body; {@code seen} gets the URI and the Authorization header. */
    private static HttpServer bridgeAnswering(int status, Object answer, String[] seen) throws java.io.IOException {
        HttpServer bridge = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bridge.createContext("/admin/reconciliations/", exchange -> {
            seen[0] = exchange.getRequestURI().toString();
            seen[1] = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] body = new ObjectMapper().writeValueAsBytes(answer);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        bridge.start();
        return bridge;
    }
}
