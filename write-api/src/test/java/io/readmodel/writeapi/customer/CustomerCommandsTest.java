package io.readmodel.writeapi.customer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.readmodel.core.position.Lsn;
import io.readmodel.writeapi.PostgresResource;
import io.readmodel.writeapi.WriteApiTestSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class CustomerCommandsTest extends WriteApiTestSupport {

    @Test
    void registeringACustomerAnswers201WithLocationAndToken() {
        Lsn before = currentWalLsn();

        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Ada Lovelace", "email", "ada@example.com", "city", "London"))
                .post("/customers");

        assertThat(response.statusCode()).isEqualTo(201);
        long id = response.jsonPath().getLong("id");
        assertThat(response.getHeader("Location")).endsWith("/customers/" + id);
        assertTokenAtOrAfter(response, before);
        assertThat(text("SELECT name || '|' || email || '|' || city FROM customers WHERE id = " + id))
                .isEqualTo("Ada Lovelace|ada@example.com|London");
    }

    @Test
    void sqlMetacharactersInNamesAreStoredVerbatim() {
        String name = "Robert'); DROP TABLE customers;-- \\ \" % _ $1 ü 🚀";

        long id = given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "email", "bobby@example.com", "city", "O'Hare"))
                .post("/customers").then().statusCode(201).extract().jsonPath().getLong("id");

        assertThat(text("SELECT name FROM customers WHERE id = " + id)).isEqualTo(name);
        assertThat(text("SELECT city FROM customers WHERE id = " + id)).isEqualTo("O'Hare");
    }

    @Test
    void changingACustomerChangesOnlyTheGivenFields() {
        long id = createCustomer("Grace");
        Lsn before = currentWalLsn();

        Response response = given().contentType(ContentType.JSON).body(Map.of("city", "Arlington")).patch("/customers/" + id);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getLong("id")).isEqualTo(id);
        assertTokenAtOrAfter(response, before);
        assertThat(text("SELECT name || '|' || city FROM customers WHERE id = " + id)).isEqualTo("Grace|Arlington");
    }

    @Test
    void anEmptyPatchIs422() {
        long id = createCustomer("Hedy");
        assertThat(assertProblem(given().contentType(ContentType.JSON).body("{}").patch("/customers/" + id), 422))
                .contains("at least one");
        assertThat(assertProblem(given().contentType(ContentType.JSON).body("{\"name\":null}").patch("/customers/" + id), 422))
                .contains("at least one");
    }

    @Test
    void aBlankOrInvalidPatchFieldIs422() {
        long id = createCustomer("Ida");
        assertThat(assertProblem(given().contentType(ContentType.JSON).body(Map.of("name", "   ")).patch("/customers/" + id), 422))
                .contains("name");
        assertThat(assertProblem(given().contentType(ContentType.JSON).body(Map.of("email", "no-at-sign")).patch("/customers/" + id), 422))
                .contains("email");
        assertThat(text("SELECT name FROM customers WHERE id = " + id)).isEqualTo("Ida");
    }

    @Test
    void patchingAnUnknownCustomerIs404() {
        assertThat(assertProblem(given().contentType(ContentType.JSON).body(Map.of("city", "Paris"))
                .patch("/customers/987654321"), 404)).contains("987654321");
    }

    @Test
    void aNonNumericCustomerIdIsA404Problem() {
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("city", "Paris")).patch("/customers/abc"), 404);
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("city", "Paris")).patch("/customers/1.5"), 404);
    }
}
