package io.readmodel.bridge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every {@code /admin} endpoint needs a valid bearer token with the {@code admin} role; health and metrics stay
 * open; neither the source password nor a token reaches the log or an answer.
 */
@QuarkusTest
@QuarkusTestResource(value = AdminAccessResource.class, restrictToAnnotatedClass = true)
class AdminAccessControlTest {

    private static RequestSpecification as(String token) {
        return token == null ? given() : given().header("Authorization", "Bearer " + token);
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(response.jsonPath().getString("title")).isNotBlank();
        assertThat(response.jsonPath().getString("detail")).isNotBlank();
    }

    @Test
    void adminEndpointsWithoutATokenAre401Problems() {
        Response reconcile = as(null).post("/admin/reconciliations/products");
        assertProblem(reconcile, 401);
        assertThat(reconcile.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        assertProblem(as(null).get("/admin/reconciliations"), 401);
    }

    @Test
    void aTokenWithoutTheAdminRoleIs403Problem() {
        assertProblem(as(TestTokens.withGroups("writer", "reader")).post("/admin/reconciliations/products"), 403);
        assertProblem(as(TestTokens.withGroups()).get("/admin/reconciliations"), 403);
    }

    @Test
    void expiredForgedOrForeignTokensAre401Problems() {
        assertProblem(as(TestTokens.expired()).post("/admin/reconciliations/products"), 401);
        assertProblem(as(TestTokens.signedByAnotherKey()).post("/admin/reconciliations/products"), 401);
        assertProblem(as(TestTokens.fromAnotherIssuer()).get("/admin/reconciliations"), 401);
        assertProblem(as("garbage").get("/admin/reconciliations"), 401);
    }

    @Test
    void anAdminTokenReconciles() {
        as(TestTokens.admin()).post("/admin/reconciliations/products").then().statusCode(200);
        as(TestTokens.admin()).get("/admin/reconciliations").then().statusCode(200);
        assertProblem(as(TestTokens.admin()).post("/admin/reconciliations/nope"), 404);
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        as(null).get("/q/health/live").then().statusCode(200);
        as(null).get("/q/metrics").then().statusCode(200);
    }

    @Test
    void neitherThePasswordNorTokensReachTheLogOrTheAnswers() throws Exception {
        List<String> tokens = List.of(TestTokens.admin(), TestTokens.withGroups("writer"), TestTokens.expired(),
                TestTokens.signedByAnotherKey());
        List<Response> answers = new ArrayList<>();
        for (String token : tokens) {
            answers.add(as(token).post("/admin/reconciliations/products"));
            answers.add(as(token).post("/admin/reconciliations/nope"));
        }
        Instant deadline = Instant.now().plusSeconds(60);
        while (as(null).get("/q/health/ready").statusCode() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        answers.add(as(null).get("/q/health/ready"));
        String log = Files.readString(AdminAccessResource.LOG);
        assertThat(log).containsIgnoringCase("debezium").doesNotContain(AdminAccessResource.PASSWORD);
        for (String token : tokens) {
            assertThat(log).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
        for (Response answer : answers) {
            String text = answer.asString() + answer.getHeaders();
            assertThat(text).doesNotContain(AdminAccessResource.PASSWORD);
            tokens.forEach(token -> assertThat(text).doesNotContain(token));
        }
    }
}
