package io.readmodel.writeapi.product;

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
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class ProductCommandsTest extends WriteApiTestSupport {

    private static Response add(String sku, long price, int stock) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "name", "Desk", "priceCents", price, "stock", stock))
                .post("/products");
    }

    @Test
    void addingAProductAnswers201WithLocationAndToken() {
        String sku = "DESK-" + UUID.randomUUID();
        Lsn before = currentWalLsn();

        Response response = add(sku, 19900, 4);

        assertThat(response.statusCode()).isEqualTo(201);
        long id = response.jsonPath().getLong("id");
        assertThat(response.getHeader("Location")).endsWith("/products/" + id);
        assertTokenAtOrAfter(response, before);
        assertThat(text("SELECT sku || '|' || price_cents || '|' || stock FROM products WHERE id = " + id))
                .isEqualTo(sku + "|19900|4");
    }

    @Test
    void aDuplicateSkuIs409NamingIt() {
        String sku = "DUP-" + UUID.randomUUID();
        add(sku, 100, 1).then().statusCode(201);

        assertThat(assertProblem(add(sku, 200, 2), 409)).contains(sku);
        assertThat(scalar("SELECT count(*) FROM products WHERE sku = '" + sku + "'")).isEqualTo(1);
    }

    @Test
    void renamingAndRepricingChangesOnlyTheGivenFields() {
        long id = createProduct(100, 3);

        given().contentType(ContentType.JSON).body(Map.of("name", "Chair")).patch("/products/" + id).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("priceCents", 250)).patch("/products/" + id).then().statusCode(200);

        assertThat(text("SELECT name || '|' || price_cents || '|' || stock FROM products WHERE id = " + id))
                .isEqualTo("Chair|250|3");
    }

    @Test
    void patchingAnUnknownProductIs404AndAnEmptyPatchIs422() {
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("priceCents", 1)).patch("/products/987654321"), 404);
        long id = createProduct(100, 3);
        assertProblem(given().contentType(ContentType.JSON).body("{}").patch("/products/" + id), 422);
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("priceCents", -1)).patch("/products/" + id), 422);
    }

    @Test
    void stockAdjustmentsNeverDriveStockNegative() {
        long id = createProduct(100, 3);

        given().contentType(ContentType.JSON).body(Map.of("delta", -2)).post("/products/" + id + "/stock-adjustments")
                .then().statusCode(200);
        assertThat(assertProblem(given().contentType(ContentType.JSON).body(Map.of("delta", -2))
                .post("/products/" + id + "/stock-adjustments"), 409)).contains("1 in stock");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("delta", 0))
                .post("/products/" + id + "/stock-adjustments"), 422);
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("delta", 1))
                .post("/products/987654321/stock-adjustments"), 404);

        assertThat(stockOf(id)).isEqualTo(1);
    }
}
