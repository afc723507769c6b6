package io.readmodel.bridge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(DeadLetterTest.BuggyDefinition.class)
@QuarkusTestResource(value = SourceAndMongoResource.class, restrictToAnnotatedClass = true)
class DeadLetterTest {

    /** The admin endpoints need an admin token (AdminAccessControlTest covers the refusals). */
    @BeforeEach
    void asAdmin() {
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("Authorization", "Bearer " + TestTokens.admin()).build();
    }

    @AfterEach
    void anonymousAgain() {
        RestAssured.requestSpecification = null;
    }

    /** Points the bridge at a definition that cannot project some rows. */
    public static class BuggyDefinition implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bridge.projections.file", "src/test/resources/projections/dead-letters.yaml");
        }
    }

    @Test
    void anEventThatCannotBeProjectedIsKeptAsADeadLetterAndTheStreamGoesOn() throws Exception {
        try (MongoClient client = MongoClients.create(SourceAndMongoResource.mongo.connectionString())) {
            MongoCollection<Document> specs = client.getDatabase("readmodel").getCollection("product_specs");
            sql("INSERT INTO products (id, sku, name, price_cents, stock) VALUES (701, 'S701', '{\"color\": \"red\"}', 100, 1)",
                    "INSERT INTO products (id, sku, name, price_cents, stock) VALUES (702, 'S702', 'not json', 100, 1)",
                    "INSERT INTO products (id, sku, name, price_cents, stock) VALUES (703, 'S703', '[1, 2]', 100, 1)");

            await(() -> specs.find(Filters.eq("_id", 703L)).first() != null);
            assertThat(specs.find(Filters.eq("_id", 701L)).first().get("spec", Document.class)).containsEntry("color", "red");
            assertThat(specs.find(Filters.eq("_id", 702L)).first()).isNull();
            String id = given().get("/admin/dead-letters").then().statusCode(200).body("count", equalTo(1))
                    .body("items[0].row", equalTo("products:702")).body("items[0].error", containsString("does not hold JSON"))
                    .extract().path("items[0].id");
            given().get("/q/metrics").then().body(containsString("readmodel_bridge_dead_letters_total 1.0"));

            // the data is fixed at the source; the newer change projects; retrying the old one is then harmless
            sql("UPDATE products SET name = '{\"fixed\": true}' WHERE id = 702");
            await(() -> specs.find(Filters.eq("_id", 702L)).first() != null);
            given().post("/admin/dead-letters/" + id + "/retry").then().statusCode(200).body("outcome", equalTo("APPLIED"));
            given().get("/admin/dead-letters").then().body("count", equalTo(0));
            assertThat(specs.find(Filters.eq("_id", 702L)).first().get("spec", Document.class)).containsEntry("fixed", true);

            sql("INSERT INTO products (id, sku, name, price_cents, stock) VALUES (704, 'S704', 'still not json', 100, 1)");
            await(() -> given().get("/admin/dead-letters").then().extract().<Integer>path("count") == 1);
            String second = given().get("/admin/dead-letters").then().extract().path("items[0].id");
            given().post("/admin/dead-letters/" + second + "/retry").then().statusCode(422).contentType("application/problem+json");
            given().delete("/admin/dead-letters/" + second).then().statusCode(204);
            given().get("/admin/dead-letters").then().body("count", equalTo(0));
            given().post("/admin/dead-letters/" + second + "/retry").then().statusCode(404).contentType("application/problem+json");
            given().post("/admin/dead-letters/not-an-id/retry").then().statusCode(400).contentType("application/problem+json");
        }
    }

    private static void sql(String... statements) throws Exception {
        try (Connection connection = SourceAndMongoResource.postgres.connect("shop"); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static void await(Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.get()) {
            assertThat(Instant.now()).as("condition met within 60 s").isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
