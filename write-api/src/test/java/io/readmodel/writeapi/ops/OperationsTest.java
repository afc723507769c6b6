package io.readmodel.writeapi.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.readmodel.writeapi.PostgresResource;
import io.readmodel.writeapi.WriteApiTestSupport;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class OperationsTest extends WriteApiTestSupport {

    @Test
    void readinessChecksTheDatabase() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("PostgreSQL"));
    }

    @Test
    void metricsCountCommandsByNameAndOutcome() {
        createCustomer("Metric");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("readmodel_writeapi_commands_total{command=\"register-customer\",outcome=\"applied\"");
        assertThat(metrics).contains("http_server_requests_seconds");
    }

    @Test
    void flywayCreatedTheSchema() {
        assertThat(scalar("SELECT count(*) FROM flyway_schema_history WHERE success")).isGreaterThanOrEqualTo(1);
    }
}
