package io.readmodel.bridge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = SourceAndMongoResource.class, restrictToAnnotatedClass = true)
class ReconciliationTest {

    @BeforeEach
    void asAdmin() {
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("Authorization", "Bearer " + TestTokens.admin()).build();
    }

    @AfterEach
    void anonymousAgain() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void reconciliationFindsMissingExtraAndDifferentDocumentsAndRepairsThem() throws Exception {
        try (Connection connection = SourceAndMongoResource.postgres.connect("shop"); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO customers (id, name, email, city) VALUES (901, 'Cy', 'cy@example.com', 'Rome')");
            sql.execute("INSERT INTO products (id, sku, name, price_cents, stock) VALUES (901, 'P-901', 'Pen', 150, 100)");
            for (int order = 9001; order <= 9003; order++) {
                sql.execute("INSERT INTO orders (id, customer_id, total_cents) VALUES (" + order + ", 901, 300)");
                sql.execute("INSERT INTO order_lines (order_id, product_id, quantity, unit_price_cents) VALUES (" + order + ", 901, 2, 150)");
            }
        }
        awaitZeroDrift();

        try (MongoClient client = MongoClients.create(SourceAndMongoResource.mongo.connectionString())) {
            MongoCollection<Document> orders = client.getDatabase("readmodel").getCollection("orders");
            orders.updateOne(Filters.eq("_id", 9001L), Updates.set("customer.name", "Mallory"));
            orders.deleteOne(Filters.eq("_id", 9002L));
            orders.insertOne(new Document("_id", 9999L).append("id", 9999L).append("status", "PLACED")
                    .append("_meta", new Document("live", true).append("rev", 1L).append("position", "0/1#0")
                            .append("refs", java.util.List.of("orders:9999")).append("c", java.util.List.of())));
        }

        JsonPath found = given().post("/admin/reconciliations/orders").then().statusCode(200).extract().jsonPath();
        assertThat(found.getInt("missing")).isEqualTo(1);
        assertThat(found.getInt("extra")).isEqualTo(1);
        assertThat(found.getInt("different")).isEqualTo(1);
        assertThat(found.getList("missingExamples", String.class)).containsExactly("9002");
        assertThat(found.getList("extraExamples", String.class)).containsExactly("9999");
        assertThat(found.getString("differentExamples[0].actual")).contains("Mallory");
        given().get("/q/metrics").then()
                .body(containsString("readmodel_reconciliation_drift_documents{kind=\"missing\",projection=\"orders\"} 1.0"));

        JsonPath repaired = given().post("/admin/reconciliations/orders?repair=true").then().statusCode(200).extract().jsonPath();
        assertThat(repaired.getInt("drift")).isEqualTo(3);
        assertThat(repaired.getInt("remainingAfterRepair")).isZero();
        given().post("/admin/reconciliations/orders").then().statusCode(200).body("drift", equalTo(0));

        try (Connection connection = SourceAndMongoResource.postgres.connect("shop"); Statement sql = connection.createStatement()) {
            sql.execute("UPDATE customers SET name = 'Cyrus' WHERE id = 901");
        }
        awaitZeroDrift();
    }

    @Test
    void anUnknownProjectionIsAProblem() {
        given().post("/admin/reconciliations/nope").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("orders"));
    }

    private static void awaitZeroDrift() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonPath report;
        do {
            Thread.sleep(200);
            report = given().post("/admin/reconciliations/orders").then().statusCode(200).extract().jsonPath();
        } while (report.getInt("drift") != 0 && Instant.now().isBefore(deadline));
        assertThat(report.getInt("drift")).as(report.prettify()).isZero();
    }
}
