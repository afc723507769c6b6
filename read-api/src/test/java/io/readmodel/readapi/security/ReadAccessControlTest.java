package io.readmodel.readapi.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.readmodel.readapi.MongoResource;
import io.readmodel.readapi.TestBridge;
import io.readmodel.readapi.TestTokens;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code readapi.auth.required=true}: documents need a {@code reader} token; lag, status page, health and
 * metrics stay open; tokens never reach the log (captured to a file, security categories at DEBUG).
 */
@QuarkusTest
@TestProfile(ReadAccessControlTest.ReadsNeedAToken.class)
@WithTestResource(MongoResource.class)
class ReadAccessControlTest {

    static final Path LOG = Path.of("target", "captured-logs", "read-access.log").toAbsolutePath();

    /** Reads need a token; the log goes to {@link #LOG}. */
    public static class ReadsNeedAToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("readapi.auth.required", "true",
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.category.\"io.quarkus.security\".level", "DEBUG",
                    "quarkus.log.category.\"io.quarkus.smallrye.jwt\".level", "DEBUG",
                    "quarkus.log.category.\"io.smallrye.jwt\".level", "DEBUG");
        }
    }

    private static TestBridge bridge;

    @BeforeAll
    static void connect() {
        bridge = TestBridge.connect();
        bridge.checkpoint("orders", TestBridge.nextLsn(), Instant.now());
        bridge.putDocument("artists", "a1", new Document("name", "AC/DC"), true, TestBridge.nextLsn() + "#0");
    }

    @AfterAll
    static void disconnect() {
        bridge.close();
    }

    private static Response read(String token, String path) {
        return token == null ? given().get(path) : given().header("Authorization", "Bearer " + token).get(path);
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(response.jsonPath().getString("title")).isNotBlank();
        assertThat(response.jsonPath().getString("detail")).isNotBlank();
    }

    @Test
    void readsWithoutATokenAre401Problems() {
        for (String path : List.of("/orders/1", "/customers/1", "/customers/1/orders", "/views/artists/a1", "/views/artists")) {
            Response response = read(null, path);
            assertProblem(response, 401);
            assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        }
    }

    @Test
    void aTokenWithoutTheReaderRoleIs403Problem() {
        assertProblem(read(TestTokens.withGroups("writer", "admin"), "/views/artists/a1"), 403);
        assertProblem(read(TestTokens.withGroups(), "/orders/1"), 403);
    }

    @Test
    void expiredForgedOrForeignTokensAre401Problems() {
        assertProblem(read(TestTokens.expired(), "/views/artists/a1"), 401);
        assertProblem(read(TestTokens.signedByAnotherKey(), "/views/artists/a1"), 401);
        assertProblem(read(TestTokens.fromAnotherIssuer(), "/views/artists/a1"), 401);
        assertProblem(read("garbage", "/views/artists/a1"), 401);
    }

    @Test
    void aReaderTokenReads() {
        String token = TestTokens.reader();
        assertThat(read(token, "/views/artists/a1").then().statusCode(200).extract().jsonPath().getString("name"))
                .isEqualTo("AC/DC");
        read(token, "/customers/1/orders").then().statusCode(200);
        read(token, "/orders/424242").then().statusCode(404);
    }

    @Test
    void lagStatusHealthAndMetricsStayOpen() {
        read(null, "/lag").then().statusCode(200);
        read(null, "/status.html").then().statusCode(200);
        read(null, "/q/health/live").then().statusCode(200);
        read(null, "/q/metrics").then().statusCode(200);
    }

    @Test
    void tokensNeverReachTheLogOrTheAnswers() throws IOException {
        List<String> tokens = List.of(TestTokens.reader(), TestTokens.withGroups("writer"), TestTokens.expired(),
                TestTokens.signedByAnotherKey());
        List<Response> answers = new ArrayList<>();
        for (String token : tokens) {
            answers.add(read(token, "/views/artists/a1"));
            answers.add(read(token, "/orders/x"));
        }
        String log = Files.readString(LOG);
        assertThat(log).contains("reads need a bearer token");
        for (String token : tokens) {
            assertThat(log).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
            answers.forEach(answer -> assertThat(answer.asString() + answer.getHeaders()).doesNotContain(token));
        }
    }
}
