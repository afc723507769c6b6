package io.readmodel.writeapi.problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.readmodel.writeapi.PostgresResource;
import io.readmodel.writeapi.WriteApiTestSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every client error is a problem document with a useful detail, never a 500, and writes nothing. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class BadInputTest extends WriteApiTestSupport {

    private String rowsBefore;

    @BeforeEach
    void rememberRowCounts() {
        rowsBefore = rowCounts();
    }

    private static Response post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path);
    }

    private void assertNothingWritten() {
        assertThat(rowCounts()).isEqualTo(rowsBefore);
    }

    @Test
    void malformedJsonIs400() {
        assertThat(assertProblem(post("/customers", "{\"name\": \"Ada\", "), 400)).contains("not valid JSON");
        assertProblem(post("/customers", "hello"), 400);
        assertProblem(post("/orders", "{\"customerId\": 1, \"lines\": [}"), 400);
        assertProblem(post("/customers", "{\"name\":\"a\",\"email\":\"a@b.c\",\"city\":\"x\"} trailing"), 400);
        assertNothingWritten();
    }

    @Test
    void wrongTypesAre400NamingTheField() {
        assertThat(assertProblem(post("/products", "{\"sku\":\"S\",\"name\":\"n\",\"priceCents\":\"abc\",\"stock\":1}"), 400))
                .contains("priceCents").contains("integer");
        assertThat(assertProblem(post("/products", "{\"sku\":\"S\",\"name\":\"n\",\"priceCents\":\"5\",\"stock\":1}"), 400))
                .contains("priceCents");
        assertThat(assertProblem(post("/products", "{\"sku\":\"S\",\"name\":\"n\",\"priceCents\":1.5,\"stock\":1}"), 400))
                .contains("priceCents");
        assertThat(assertProblem(post("/products", "{\"sku\":\"S\",\"name\":7,\"priceCents\":1,\"stock\":1}"), 400))
                .contains("name");
        assertThat(assertProblem(post("/orders", "{\"customerId\":1,\"lines\":{}}"), 400)).contains("lines");
        assertThat(assertProblem(post("/orders", "{\"customerId\":1,\"lines\":[{\"productId\":1,\"quantity\":true}]}"), 400))
                .contains("lines[0].quantity");
        assertProblem(post("/customers", "[]"), 400);
        assertProblem(post("/products", "{\"sku\":\"S\",\"name\":\"n\",\"priceCents\":99999999999999999999999,\"stock\":1}"), 400);
        assertNothingWritten();
    }

    @Test
    void missingFieldsAre422NamingThem() {
        Response response = post("/customers", "{\"name\":\"Ada\"}");
        String detail = assertProblem(response, 422);
        assertThat(detail).contains("email").contains("city");
        assertThat(response.jsonPath().getList("errors.field")).contains("email", "city");
        assertThat(assertProblem(post("/orders", "{\"lines\":[{\"quantity\":1}]}"), 422))
                .contains("customerId").contains("lines[0].productId");
        assertNothingWritten();
    }

    @Test
    void unknownFieldsAre400NamingThem() {
        assertThat(assertProblem(post("/customers",
                "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"city\":\"London\",\"admin\":true}"), 400))
                .contains("admin");
        assertThat(assertProblem(post("/orders",
                "{\"customerId\":1,\"lines\":[{\"productId\":1,\"quantity\":1,\"unitPriceCents\":0}]}"), 400))
                .contains("unitPriceCents");
        assertNothingWritten();
    }

    @Test
    void duplicateKeysAre400() {
        assertProblem(post("/customers",
                "{\"name\":\"Ada\",\"name\":\"Eve\",\"email\":\"ada@example.com\",\"city\":\"London\"}"), 400);
        assertNothingWritten();
    }

    @Test
    void tooLongStringsAre422() {
        assertThat(assertProblem(given().contentType(ContentType.JSON)
                .body(Map.of("name", "x".repeat(201), "email", "ada@example.com", "city", "London")).post("/customers"), 422))
                .contains("name");
        assertThat(assertProblem(given().contentType(ContentType.JSON)
                .body(Map.of("sku", "S".repeat(65), "name", "n", "priceCents", 1, "stock", 1)).post("/products"), 422))
                .contains("sku");
        assertThat(assertProblem(given().contentType(ContentType.JSON)
                .body(Map.of("name", "n", "email", "a@" + "b".repeat(40_000), "city", "c")).post("/customers"), 422))
                .contains("email");
        assertNothingWritten();
    }

    @Test
    void aBodyOverTheLimitIs413Problem() {
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("name", "x".repeat(70_000), "email", "ada@example.com", "city", "London"))
                .post("/customers");
        assertThat(assertProblem(response, 413)).contains("65536");
        assertNothingWritten();
    }

    @Test
    void blankAndInvalidValuesAre422() {
        assertProblem(given().contentType(ContentType.JSON)
                .body(Map.of("name", " ", "email", "ada@example.com", "city", "London")).post("/customers"), 422);
        assertProblem(given().contentType(ContentType.JSON)
                .body(Map.of("name", "Ada", "email", "not-an-email", "city", "London")).post("/customers"), 422);
        assertProblem(given().contentType(ContentType.JSON)
                .body(Map.of("sku", "S", "name", "n", "priceCents", -1, "stock", 1)).post("/products"), 422);
        assertProblem(given().contentType(ContentType.JSON)
                .body(Map.of("sku", "S", "name", "n", "priceCents", 1, "stock", -1)).post("/products"), 422);
        assertNothingWritten();
    }

    @Test
    void aNulCharacterIsRejectedByPostgresAsA422() {
        assertProblem(post("/customers", "{\"name\":\"A\\u0000da\",\"email\":\"ada@example.com\",\"city\":\"London\"}"), 422);
        assertNothingWritten();
    }

    @Test
    void anEmptyBodyIs422() {
        assertThat(assertProblem(given().contentType(ContentType.JSON).post("/customers"), 422)).contains("body");
        assertProblem(post("/customers", "null"), 422);
        assertNothingWritten();
    }

    @Test
    void httpLevelMistakesAreProblemsToo() {
        assertProblem(given().contentType(ContentType.TEXT).body("name=Ada").post("/customers"), 415);
        assertProblem(given().get("/orders"), 405);
        assertProblem(given().get("/nowhere"), 404);
        assertNothingWritten();
    }
}
