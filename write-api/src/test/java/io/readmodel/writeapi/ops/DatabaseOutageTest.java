package io.readmodel.writeapi.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.readmodel.writeapi.CapturedLogs;
import io.readmodel.writeapi.TestTokens;
import io.readmodel.writeapi.UnreachableDatabaseResource;
import io.readmodel.writeapi.WriteApiTestSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reactive pool points at a port where no PostgreSQL listens. */
@QuarkusTest
@WithTestResource(UnreachableDatabaseResource.class)
class DatabaseOutageTest extends WriteApiTestSupport {

    private static final String TOKEN = TestTokens.writer();

    @Override
    protected String defaultToken() {
        return TOKEN;
    }

    @Test
    void commandsAnswer503ProblemWhenPostgresIsUnreachable() {
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Ada", "email", "ada@example.com", "city", "London"))
                .post("/customers");

        assertThat(assertProblem(response, 503)).contains("database");
        assertThat(response.getHeader("Retry-After")).isNotBlank();
    }

    @Test
    void theOutageLeaksNeitherThePasswordNorTheToken() {
        String token = TOKEN;
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("sku", "S-1", "name", "Lamp", "priceCents", 100, "stock", 1))
                .post("/products");
        String ready = given().get("/q/health/ready").asString();

        assertProblem(response, 503);
        assertThat(response.asString()).doesNotContain(CapturedLogs.DATABASE_PASSWORD).doesNotContain(token);
        assertThat(ready).doesNotContain(CapturedLogs.DATABASE_PASSWORD);
        assertThat(CapturedLogs.read(UnreachableDatabaseResource.LOG)).contains("/products")
                .doesNotContain(CapturedLogs.DATABASE_PASSWORD).doesNotContain(token);
    }

    @Test
    void readinessIsDownWhenPostgresIsUnreachable() {
        given().get("/q/health/ready").then().statusCode(503);
    }
}
