package io.readmodel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchPlanTest {

    private final LaunchPlan plan = new LaunchPlan(Path.of("/repo"), 5433, "shop", "mongodb://127.0.0.1:27018",
            new LaunchPlan.HttpPorts(8081, 8083, 8080));

    @Test
    void appsStartInDependencyOrder() {
        assertThat(plan.apps()).extracting(AppLaunch::name).containsExactly("write-api", "cdc-bridge", "read-api");
    }

    @Test
    void writeApiGetsBothDatasourceUrlsAndTheTrustedSuperuser() {
        List<String> command = plan.apps().get(0).commandLine("/jdk/bin/java", List.of("-Xmx256m"));

        assertThat(command).containsExactly("/jdk/bin/java", "-Xmx256m",
                "-Dquarkus.http.port=8081",
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5433/shop",
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5433/shop",
                "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.datasource.password=",
                "-jar", "/repo/write-api/target/quarkus-app/quarkus-run.jar");
    }

    @Test
    void cdcBridgeGetsTheSourceAndTheMongoUri() {
        List<String> command = plan.apps().get(1).commandLine("java", List.of());

        assertThat(command).containsSubsequence("-Dquarkus.http.port=8083", "-Dbridge.source.host=127.0.0.1",
                "-Dbridge.source.port=5433", "-Dbridge.source.database=shop", "-Dbridge.source.user=postgres",
                "-Dbridge.source.password=", "-Dquarkus.mongodb.connection-string=mongodb://127.0.0.1:27018",
                "-jar", "/repo/cdc-bridge/target/quarkus-app/quarkus-run.jar");
    }

    @Test
    void readApiOnlyNeedsMongo() {
        AppLaunch readApi = plan.apps().get(2);

        assertThat(readApi.properties()).containsExactly(
                org.assertj.core.api.Assertions.entry("quarkus.http.port", "8080"),
                org.assertj.core.api.Assertions.entry("quarkus.mongodb.connection-string", "mongodb://127.0.0.1:27018"));
        assertThat(readApi.readinessUrl()).isEqualTo("http://127.0.0.1:8080/q/health/ready");
    }

    @Test
    void bannerShowsWhereEverythingIs() {
        String banner = Banner.render(plan, true, Path.of("/repo/.pipeline"), Path.of("/repo/.pipeline/logs"));

        assertThat(banner).contains("http://127.0.0.1:8081", "http://127.0.0.1:8083", "http://127.0.0.1:8080/lag",
                "/q/metrics", "jdbc:postgresql://127.0.0.1:5433/shop", "psql -h 127.0.0.1 -p 5433 -U postgres shop",
                "mongodb://127.0.0.1:27018", "X-Min-Position", "/repo/.pipeline/logs");
    }
}
