package io.readmodel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bridge connects with the least-privilege role the root README gives a DBA (LOGIN REPLICATION, SELECT on
 * the published tables, a publication the DBA created): it snapshots, streams, heartbeats, reconciles and
 * repairs with nothing more, and its configured password appears in no log.
 */
class LeastPrivilegeIT {

    private static final String PASSWORD = "bridge-secret-" + java.util.UUID.randomUUID();

    @Test
    void theBridgeRunsWithReplicationAndSelectOnly() throws Exception {
        String dbaScript = """
                INSERT INTO customers (id, name, email, city) VALUES (5001, 'Snap', 'snap@example.com', 'Oslo');
                CREATE ROLE readmodel_bridge WITH LOGIN REPLICATION PASSWORD '%s';
                GRANT SELECT ON customers, products, orders, order_lines TO readmodel_bridge;
                CREATE PUBLICATION readmodel FOR TABLE customers, products, orders, order_lines;
                """.formatted(PASSWORD);
        try (Pipeline pipeline = Pipeline.named("least-privilege").sqlBeforeBridge(dbaScript)
                .bridge("bridge.source.user", "readmodel_bridge")
                .bridge("bridge.source.password", PASSWORD)
                .start()) {
            Http.Response customer = Http.post(pipeline.writeApi.url("/customers"),
                    Map.of("name", "Least", "email", "least@example.com", "city", "Bergen"), Map.of());
            assertThat(customer.status()).as(customer.raw().body()).isEqualTo(201);
            Http.Response read = Http.get(pipeline.readApi.url("/customers/" + customer.json().get("id").asLong()),
                    Map.of("X-Min-Position", customer.header("X-Consistency-Token")));
            assertThat(read.status()).as(read.raw().body()).isEqualTo(200);
            assertThat(Http.get(pipeline.readApi.url("/customers/5001"), Map.of()).status()).isEqualTo(200);

            for (String projection : List.of("customers", "orders")) {
                JsonNode report = Reconciliation.awaitZeroDrift(pipeline, projection, Duration.ofSeconds(60));
                assertThat(report.get("drift").asInt()).as(report.toString()).isZero();
            }
            try (var sql = pipeline.sql(); var statement = sql.createStatement();
                    var owner = statement.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = 'readmodel_bridge'")) {
                owner.next();
                assertThat(owner.getBoolean(1)).isFalse();
            }
            assertThat(pipeline.bridge.log()).isNotBlank().doesNotContain(PASSWORD);
        }
    }
}
