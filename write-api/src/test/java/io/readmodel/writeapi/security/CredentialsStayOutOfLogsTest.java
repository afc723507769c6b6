package io.readmodel.writeapi.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.readmodel.writeapi.CapturedLogs;
import io.readmodel.writeapi.TestTokens;
import io.readmodel.writeapi.WriteApiTestSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs accepted, rejected and failing commands with a database password configured, then greps the whole log
 * (and every answer) for the password and the tokens.
 */
@QuarkusTest
@WithTestResource(CredentialsResource.class)
class CredentialsStayOutOfLogsTest extends WriteApiTestSupport {

    @Override
    protected String defaultToken() {
        return null;
    }

    @Test
    void neitherThePasswordNorTokensAppearInLogsOrAnswers() {
        String writer = TestTokens.writer();
        String reader = TestTokens.withGroups("reader");
        String expired = TestTokens.expired();
        String forged = TestTokens.signedByAnotherKey();
        List<Response> answers = new ArrayList<>();
        for (String token : List.of(writer, reader, expired, forged)) {
            answers.add(given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                    .body(Map.of("name", "Ada", "email", "ada@example.com", "city", "London")).post("/customers"));
            answers.add(given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                    .body("{\"customerId\":999999,\"lines\":[{\"productId\":999999,\"quantity\":1}]}").post("/orders"));
            answers.add(given().header("Authorization", "Bearer " + token).post("/orders/999999/ship"));
        }
        assertThat(answers.get(0).statusCode()).isEqualTo(201);
        assertThat(answers.get(3).statusCode()).isEqualTo(403);
        assertThat(answers.get(6).statusCode()).isEqualTo(401);

        String log = CapturedLogs.read(CredentialsResource.LOG);
        assertThat(log).as("captured log").contains("write-api");
        for (String secret : List.of(CapturedLogs.DATABASE_PASSWORD, writer, reader, expired, forged, signature(writer))) {
            assertThat(log).doesNotContain(secret);
            answers.forEach(answer -> assertThat(answer.asString() + answer.getHeaders()).doesNotContain(secret));
        }
    }

    /** The signature alone: a log line quoting part of a token must not leak it either. */
    private static String signature(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }
}
