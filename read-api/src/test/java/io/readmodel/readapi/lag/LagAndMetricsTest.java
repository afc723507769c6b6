package io.readmodel.readapi.lag;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.readmodel.core.position.Lsn;
import io.readmodel.readapi.MongoResource;
import io.readmodel.readapi.TestBridge;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(MongoResource.class)
class LagAndMetricsTest {

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
    void lagListsEveryCheckpointWithASaneNonNegativeLag() {
        Lsn applied = TestBridge.nextLsn();
        bridge.checkpoint("orders", applied, Instant.now().minusSeconds(3));
        bridge.checkpoint("customers", applied, Instant.now().plusSeconds(5)); // a bridge clock slightly ahead

        JsonPath lag = given().when().get("/lag").then().statusCode(200).extract().jsonPath();

        assertThat(lag.getString("projections.find { it.projection == 'orders' }.appliedLsn"))
                .isEqualTo(applied.toString());
        assertThat(lag.getString("projections.find { it.projection == 'orders' }.position"))
                .isEqualTo(applied + "#0");
        assertThat(lag.getString("projections.find { it.projection == 'orders' }.sourceCommitTime")).isNotBlank();
        assertThat(lag.getString("projections.find { it.projection == 'orders' }.appliedAt")).isNotBlank();
        assertThat(lag.getDouble("projections.find { it.projection == 'orders' }.lagSeconds")).isBetween(3.0, 60.0);
        assertThat(lag.getDouble("projections.find { it.projection == 'customers' }.lagSeconds")).isEqualTo(0.0);
    }

    @Test
    void metricsUsePrometheusNamesInBaseUnits() {
        Lsn applied = TestBridge.nextLsn();
        bridge.checkpoint("orders", applied, Instant.now().minusSeconds(2));
        given().header("X-Min-Position", applied.toString()).when().get("/customers/1/orders")
                .then().statusCode(200);

        // the staleness gauge appears once the watcher has read the checkpoint (idle polls: every second)
        String metrics = "";
        for (Instant deadline = Instant.now().plusSeconds(10); Instant.now().isBefore(deadline); ) {
            metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            if (metrics.contains("readmodel_staleness_seconds{projection=\"orders\"")) {
                break;
            }
            pause(Duration.ofMillis(100));
        }
        assertThat(metrics).contains("readmodel_staleness_seconds{projection=\"orders\"");
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("readmodel_consistency_wait_seconds_bucket"))
                .body(containsString("readmodel_consistency_wait_seconds_count"))
                .body(containsString("readmodel_consistency_timeouts_total"));
    }

    @Test
    void anOperatorCanOpenTheLiveStatusPage() {
        given().when().get("/status.html")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("getJson('status/summary')"))
                .body(containsString("getJson('status/series')"));
        given().redirects().follow(false).when().get("/status")
                .then().statusCode(303)
                .header("Location", containsString("/status.html"));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
