package io.readmodel.writeapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.readmodel.core.position.ConsistencyToken;
import io.readmodel.core.position.Lsn;
import io.readmodel.infra.EmbeddedPostgresServer;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared helpers: create rows through the API, read the database with JDBC, check problem answers. Every request
 * carries a {@code writer} bearer token unless a test class overrides {@link #defaultToken()}.
 */
public abstract class WriteApiTestSupport {

    private static final AtomicInteger SKUS = new AtomicInteger();

    @InjectPostgres
    protected EmbeddedPostgresServer postgres;

    /** The bearer token every request of this test class carries, or null for none. */
    protected String defaultToken() {
        return TestTokens.writer();
    }

    /** The {@code Authorization} header value for requests sent without RestAssured. */
    protected String bearer() {
        return "Bearer " + defaultToken();
    }

    @BeforeEach
    void authenticateRequests() {
        String token = defaultToken();
        RestAssured.requestSpecification = token == null ? null
                : new RequestSpecBuilder().addHeader("Authorization", "Bearer " + token).build();
    }

    @AfterEach
    void forgetToken() {
        RestAssured.requestSpecification = null;
    }

    protected long createCustomer(String name) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "email", "c" + UUID.randomUUID() + "@example.com", "city", "London"))
                .post("/customers")
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    protected long createProduct(long priceCents, int stock) {
        String sku = "SKU-" + SKUS.incrementAndGet() + "-" + UUID.randomUUID();
        return given().contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "name", "Lamp " + sku, "priceCents", priceCents, "stock", stock))
                .post("/products")
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    protected Response placeOrder(long customerId, long productId, int quantity) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("customerId", customerId, "lines",
                        java.util.List.of(Map.of("productId", productId, "quantity", quantity))))
                .post("/orders");
    }

    protected long scalar(String sql) {
        try (Connection connection = postgres.connect(PostgresResource.DATABASE);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    protected String text(String sql) {
        try (Connection connection = postgres.connect(PostgresResource.DATABASE);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    protected int stockOf(long productId) {
        return (int) scalar("SELECT stock FROM products WHERE id = " + productId);
    }

    /** Row counts of every table the API writes, to prove a rejected command wrote nothing. */
    protected String rowCounts() {
        return text("SELECT (SELECT count(*) FROM customers) || '/' || (SELECT count(*) FROM products) || '/' "
                + "|| (SELECT count(*) FROM orders) || '/' || (SELECT count(*) FROM order_lines) || '/' "
                + "|| (SELECT count(*) FROM idempotency_keys) || '/' || (SELECT coalesce(sum(stock), 0) FROM products)");
    }

    protected Lsn currentWalLsn() {
        return Lsn.parse(text("SELECT pg_current_wal_lsn()::text"));
    }

    /** Asserts the answer carries a consistency token at or after {@code before}. */
    protected static ConsistencyToken assertTokenAtOrAfter(Response response, Lsn before) {
        String header = response.getHeader(ConsistencyToken.RESPONSE_HEADER);
        assertThat(header).as("consistency token header").isNotBlank();
        ConsistencyToken token = ConsistencyToken.parse(header);
        assertThat(token.lsn().isAtOrAfter(before)).as("token %s at or after %s", token, before).isTrue();
        return token;
    }

    /** Asserts a problem+json answer with the status, and returns its detail. */
    protected static String assertProblem(Response response, int status) {
        assertThat(response.statusCode()).as("status of %s", response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(response.jsonPath().getString("type")).isNotBlank();
        assertThat(response.jsonPath().getString("title")).isNotBlank();
        assertThat(response.jsonPath().getString("instance")).startsWith("/");
        String detail = response.jsonPath().getString("detail");
        assertThat(detail).isNotBlank();
        return detail;
    }
}
