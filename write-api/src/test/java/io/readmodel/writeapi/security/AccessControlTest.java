package io.readmodel.writeapi.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.readmodel.writeapi.PostgresResource;
import io.readmodel.writeapi.TestTokens;
import io.readmodel.writeapi.WriteApiTestSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commands need a valid bearer token with the {@code writer} role; health and metrics stay open. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class AccessControlTest extends WriteApiTestSupport {

    private String rowsBefore;

    @Override
    protected String defaultToken() {
        return null;
    }

    @BeforeEach
    void rememberRowCounts() {
        rowsBefore = rowCounts();
    }

    private static RequestSpecification as(String token) {
        RequestSpecification request = given().contentType(ContentType.JSON);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static Response registerAs(String token) {
        return as(token).body(Map.of("name", "Ada", "email", "ada@example.com", "city", "London")).post("/customers");
    }

    @Test
    void aCommandWithoutATokenIs401ProblemAndWritesNothing() {
        Response response = registerAs(null);

        assertThat(assertProblem(response, 401)).contains("bearer token");
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        assertProblem(as(null).body(Map.of("delta", 1)).post("/products/1/stock-adjustments"), 401);
        assertProblem(as(null).post("/orders/1/cancel"), 401);
        assertProblem(as(null).body(Map.of("city", "Paris")).patch("/customers/1"), 401);
        assertThat(rowCounts()).isEqualTo(rowsBefore);
    }

    @Test
    void anUnauthenticatedRequestIs401EvenWhenItsBodyIsInvalid() {
        assertProblem(as(null).body("{not json").post("/customers"), 401);
    }

    @Test
    void aTokenWithoutTheWriterRoleIs403Problem() {
        assertThat(assertProblem(registerAs(TestTokens.withGroups("reader", "admin")), 403)).contains("writer");
        assertProblem(registerAs(TestTokens.withGroups()), 403);
        assertThat(rowCounts()).isEqualTo(rowsBefore);
    }

    @Test
    void expiredForgedOrForeignTokensAre401Problems() {
        assertProblem(registerAs(TestTokens.expired()), 401);
        assertProblem(registerAs(TestTokens.signedByAnotherKey()), 401);
        assertProblem(registerAs(TestTokens.fromAnotherIssuer()), 401);
        assertProblem(registerAs("not-a-jwt"), 401);
        assertProblem(given().header("Authorization", "Basic dXNlcjpwYXNz").contentType(ContentType.JSON)
                .body(Map.of("name", "Ada", "email", "ada@example.com", "city", "London")).post("/customers"), 401);
        assertThat(rowCounts()).isEqualTo(rowsBefore);
    }

    @Test
    void aWriterTokenRunsTheCommand() {
        Response response = registerAs(TestTokens.writer());

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        assertThat(response.getHeader("X-Consistency-Token")).isNotBlank();
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}
