package io.readmodel.readapi.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.readmodel.infra.FreePorts;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ReadinessWithoutMongoTest.NoMongo.class)
class ReadinessWithoutMongoTest {

    /** Points the application at a port where nothing listens. */
    public static class NoMongo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.mongodb.connection-string", "mongodb://127.0.0.1:" + FreePorts.find(),
                    "quarkus.mongodb.server-selection-timeout", "500ms",
                    "quarkus.mongodb.connect-timeout", "500ms");
        }
    }

    @Test
    void readinessIsDownWhenMongoDbIsUnreachable() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"));
    }

    @Test
    void aReadIsA503ProblemWhenMongoDbIsUnreachable() {
        given().when().get("/orders/1")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("type", equalTo("https://readmodel.io/problems/read-model-unavailable"));
    }
}
