package io.readmodel.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's view: the initial snapshot of a database that already holds rows reports its progress (bridge
 * metrics, the bridge's log, read-api's {@code /status/summary}), and the live status page, opened in a real headless
 * Chromium, loads without a console error, shows the live numbers (bridge streaming, each projection's lag, its
 * throughput moving under writes, the charts, the finished snapshot) and is saved as
 * {@code src-test-e2e/target/screenshots/status.png}. Skipped only when no Chromium is installed (CI installs
 * Debian's {@code chromium}).
 */
class StatusPageIT {

    private static final int ROWS = 3000;
    static final Path SCREENSHOT = Pipeline.ROOT.resolve("src-test-e2e/target/screenshots/status.png");

    private static Pipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = Pipeline.named("status-page").sqlBeforeBridge("""
                INSERT INTO customers (id, name, email, city)
                    SELECT i, 'Customer ' || i, 'c' || i || '@example.com', 'City ' || (i %% 50) FROM generate_series(1, %1$d) i;
                INSERT INTO products (id, sku, name, price_cents, stock)
                    SELECT i, 'SKU-' || i, 'Product ' || i, 100 * i, 1000000 FROM generate_series(1, 100) i;
                INSERT INTO orders (id, customer_id, total_cents) SELECT i, 1 + i %% %1$d, 500 FROM generate_series(1, %1$d) i;
                INSERT INTO order_lines (order_id, product_id, quantity, unit_price_cents)
                    SELECT i, 1 + i %% 100, 1, 500 FROM generate_series(1, %1$d) i;
                SELECT setval('customers_id_seq', 100000), setval('orders_id_seq', 100000), setval('products_id_seq', 100000);
                """.formatted(ROWS)).start();
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void theInitialSnapshotReportsItsProgressAsMetricsInTheLogAndOnTheStatusEndpoint() throws Exception {
        awaitSnapshotFinished();
        for (String table : new String[] {"customers", "orders", "order_lines"}) {
            assertThat(Metrics.sample(pipeline.bridge, "readmodel_bridge_snapshot_rows_total{table=\"" + table + "\"}"))
                    .as("rows the snapshot applied from %s", table).hasValue(ROWS);
            assertThat(Metrics.sample(pipeline.bridge, "readmodel_bridge_snapshot_rows_expected{table=\"" + table + "\"}"))
                    .as("rows expected in %s", table).hasValue(ROWS);
        }
        assertThat(Metrics.sample(pipeline.bridge, "readmodel_bridge_snapshot_running")).hasValue(0);
        assertThat(pipeline.bridge.log()).contains("snapshot progress: initial snapshot started")
                .containsPattern("snapshot progress: finished, " + (3 * ROWS + 100) + " of " + (3 * ROWS + 100) + " rows \\(100%\\)");

        JsonNode snapshot = Http.get(pipeline.readApi.url("/status/summary"), Map.of()).json().path("bridge").path("snapshot");
        assertThat(snapshot.path("running").asBoolean()).isFalse();
        assertThat(snapshot.path("rowsDone").asLong()).isEqualTo(3L * ROWS + 100);
        assertThat(snapshot.path("rowsExpected").asLong()).isEqualTo(3L * ROWS + 100);
        assertThat(snapshot.path("rowsPerSecond").asDouble()).isPositive();
        assertThat(snapshot.path("tables")).hasSize(4).allSatisfy(table -> assertThat(table.path("done").asBoolean()).isTrue());
    }

    @Test
    void theStatusPageLoadsInABrowserWithoutErrorsAndShowsTheLiveNumbers() throws Exception {
        Optional<Path> executable = Chromium.find();
        assumeTrue(executable.isPresent(), "no chromium on this machine (CI installs Debian's chromium)");
        awaitSnapshotFinished();
        try (Chromium browser = Chromium.start(executable.get(), pipeline.logs)) {
            browser.open(pipeline.readApi.url("/status"));
            assertThat(browser.evaluate("location.pathname").asText()).isEqualTo("/status.html");

            awaitInPage(browser, "document.getElementById('bridge-state').textContent === 'streaming'"
                    + " && document.querySelectorAll('#rows tr[data-projection]').length >= 3"
                    + " && document.querySelectorAll('#lag-chart polyline.series').length >= 3", 20);
            double eventsBefore = eventsShown(browser, "orders");

            // writes move the numbers: events applied grow, and the throughput chart gets a non-zero point
            for (int i = 0; i < 20; i++) {
                pipeline.execute("INSERT INTO orders (customer_id, total_cents) VALUES (1, 100)");
                Thread.sleep(100);
            }
            awaitInPage(browser, "Number(document.querySelector('#rows tr[data-projection=\"orders\"] td.events').textContent"
                    + ".replace(/,/g, '')) >= " + (eventsBefore + 20), 20);
            awaitInPage(browser, "document.querySelectorAll('#lag-chart polyline.series').length >= 3"
                    + " && document.querySelector('#rate-chart polyline.series[data-projection=\"orders\"]') !== null", 20);

            JsonNode shown = browser.evaluate("""
                    ({ bridge: document.getElementById('bridge-state').textContent,
                       deadLetters: document.getElementById('dead-letters').textContent,
                       lag: Number(document.querySelector('#rows tr[data-projection="orders"] td.lag').textContent),
                       snapshotShown: !document.getElementById('snapshot').hidden,
                       snapshotRows: document.getElementById('snapshot-rows').textContent,
                       snapshotTables: document.querySelectorAll('#snapshot-tables tr').length })""");
            assertThat(shown.get("bridge").asText()).isEqualTo("streaming");
            assertThat(shown.get("deadLetters").asText()).isEqualTo("0");
            assertThat(shown.get("lag").asDouble()).isBetween(0.0, 5.0);
            assertThat(shown.get("snapshotShown").asBoolean()).isTrue();
            assertThat(shown.get("snapshotRows").asText()).isEqualTo("9,100 of 9,100");
            assertThat(shown.get("snapshotTables").asInt()).isEqualTo(4);

            Thread.sleep(3000); // a few more samples on the charts for the screenshot
            browser.screenshot(SCREENSHOT);
            assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
            assertThat(browser.errors()).as("console errors, uncaught exceptions, failed loads").isEmpty();
        }
    }

    private static double eventsShown(Chromium browser, String projection) {
        return browser.evaluate("Number(document.querySelector('#rows tr[data-projection=\"" + projection
                + "\"] td.events').textContent.replace(/,/g, ''))").asDouble();
    }

    private static void awaitInPage(Chromium browser, String condition, int seconds) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (Instant.now().isBefore(deadline)) {
            if (browser.evaluate("!!(" + condition + ")").asBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the page did not show " + condition + " within " + seconds + " s; errors: " + browser.errors()
                + "; body: " + browser.evaluate("document.body.innerText").asText());
    }

    private static void awaitSnapshotFinished() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            JsonNode snapshot = Http.get(pipeline.readApi.url("/status/summary"), Map.of()).json().path("bridge").path("snapshot");
            if (snapshot.isObject() && !snapshot.path("running").asBoolean(true)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the initial snapshot did not finish within 120 s");
    }
}
