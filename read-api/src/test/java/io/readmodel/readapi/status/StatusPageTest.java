package io.readmodel.readapi.status;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.readmodel.core.checkpoint.BridgeStatus;
import io.readmodel.core.checkpoint.BridgeStatusDocument;
import io.readmodel.core.position.Lsn;
import io.readmodel.readapi.MongoResource;
import io.readmodel.readapi.TestBridge;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(MongoResource.class)
class StatusPageTest {

    private static TestBridge bridge;

    @BeforeAll
    static void connect() {
        bridge = TestBridge.connect();
    }

    @AfterAll
    static void disconnect() {
        bridge.close();
    }

    @Test
    void statusRedirectsToASelfContainedPage() {
        given().redirects().follow(false).when().get("/status").then().statusCode(303)
                .header("Location", containsString("/status.html"));
        String page = given().when().get("/status.html").then().statusCode(200).extract().asString();
        assertThat(page).contains("status/summary", "status/series", "<svg id=\"lag-chart\"")
                .doesNotContain("<script src=", "https://", "http://cdn");
    }

    @Test
    void summaryShowsLagThroughputBridgeStateSnapshotProgressAndDeadLetters() {
        given().when().get("/status/summary").then().statusCode(200); // warm up: the status must be fresh when read
        Lsn applied = TestBridge.nextLsn();
        bridge.checkpoint("orders", applied, Instant.now().minusSeconds(2), 1200);
        Instant started = Instant.now().minusSeconds(10);
        bridge.bridgeStatus(new BridgeStatus("readmodel", true, Instant.now(), null, new BridgeStatus.Snapshot(true, started, null,
                List.of(new BridgeStatus.TableProgress("orders", 1000, 1000, true),
                        new BridgeStatus.TableProgress("order_lines", 500, 3000, false)))));
        bridge.clear("dead_letters");
        bridge.insert("dead_letters", new Document("row", "orders:1").append("error", "boom"));

        JsonPath summary = given().when().get("/status/summary").then().statusCode(200).extract().jsonPath();

        assertThat(summary.getDouble("projections.find { it.projection == 'orders' }.lagSeconds")).isBetween(2.0, 30.0);
        assertThat(summary.getLong("projections.find { it.projection == 'orders' }.eventsApplied")).isEqualTo(1200L);
        assertThat(summary.getBoolean("bridge.streaming")).isTrue();
        assertThat(summary.getLong("bridge.snapshot.rowsDone")).isEqualTo(1500L);
        assertThat(summary.getLong("bridge.snapshot.rowsExpected")).isEqualTo(4000L);
        assertThat(summary.getDouble("bridge.snapshot.rowsPerSecond")).isBetween(100.0, 160.0);
        assertThat(summary.getDouble("bridge.snapshot.secondsLeft")).isBetween(10.0, 30.0);
        assertThat(summary.getString("bridge.snapshot.tables[1].table")).isEqualTo("order_lines");
        assertThat(summary.getLong("deadLetters")).isEqualTo(1L);
    }

    @Test
    void aBridgeThatStoppedReportingIsNotStreamingAndAMissingStatusIsTolerated() {
        bridge.clear(BridgeStatusDocument.COLLECTION);
        JsonPath none = given().when().get("/status/summary").then().statusCode(200).extract().jsonPath();
        assertThat(none.getBoolean("bridge.streaming")).isFalse();
        assertThat(none.getBoolean("bridge.reported")).isFalse();

        bridge.bridgeStatus(new BridgeStatus("readmodel", true, Instant.now().minusSeconds(30), null, null));
        JsonPath stale = given().when().get("/status/summary").then().statusCode(200).extract().jsonPath();
        assertThat(stale.getBoolean("bridge.streaming")).isFalse();
        assertThat(stale.getBoolean("bridge.reported")).isTrue();
    }

    @Test
    void seriesKeepsSamplesWithLagAndEventsPerSecond() throws InterruptedException {
        Lsn applied = TestBridge.nextLsn();
        bridge.checkpoint("customers", applied, Instant.now(), 100);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        int step = 0;
        JsonPath series;
        do {
            Thread.sleep(400);
            bridge.checkpoint("customers", applied, Instant.now(), 100 + 50L * ++step);
            series = given().when().get("/status/series").then().statusCode(200).extract().jsonPath();
        } while (series.getList("projections.customers.findAll { it.eventsPerSecond > 0 }").isEmpty()
                && Instant.now().isBefore(deadline));

        assertThat(series.getDouble("intervalSeconds")).isEqualTo(1.0);
        assertThat(series.getList("projections.customers")).isNotEmpty();
        assertThat(series.getList("projections.customers.findAll { it.eventsPerSecond > 0 }")).isNotEmpty();
        assertThat(series.getDouble("projections.customers[-1].lagSeconds")).isBetween(0.0, 5.0);
    }
}
