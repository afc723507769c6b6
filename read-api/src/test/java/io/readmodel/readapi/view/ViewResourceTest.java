package io.readmodel.readapi.view;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.readmodel.core.position.Lsn;
import io.readmodel.readapi.MongoResource;
import io.readmodel.readapi.TestBridge;
import io.restassured.response.Response;
import java.util.Date;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(MongoResource.class)
class ViewResourceTest {

    private static TestBridge bridge;

    @BeforeAll
    static void connect() {
        bridge = TestBridge.connect();
    }

    @AfterAll
    static void disconnect() {
        bridge.close();
    }

    @Test
    void anOrderThroughTheGenericViewEqualsTheOrdersEndpoint() {
        bridge.putOrder(77, 7, "2026-11-23T16:30:20.123456Z", "PLACED", true, "0/77#1");

        Response typed = given().when().get("/orders/77");
        Response generic = given().when().get("/views/orders/77");

        assertThat(generic.statusCode()).isEqualTo(200);
        assertThat(generic.header("ETag")).isEqualTo(typed.header("ETag")).isEqualTo("\"0/77#1\"");
        Map<String, Object> genericBody = generic.jsonPath().getMap("$");
        assertThat(genericBody).isEqualTo(typed.jsonPath().getMap("$"));
        assertThat(generic.asString()).isEqualTo(typed.asString());
    }

    @Test
    void aProjectionWithTextKeysIsServedByTextIdsAndNumericLookingOnes() {
        bridge.putDocument("artists", "abc", new Document("name", "AC/DC").append("albums", 2), true, "0/50#1");
        bridge.putDocument("artists", "42", new Document("name", "Text forty-two"), true, "0/50#2");

        given().when().get("/views/artists/abc")
                .then().statusCode(200)
                .header("ETag", "\"0/50#1\"")
                .body("name", equalTo("AC/DC"))
                .body("albums", equalTo(2))
                .body("$", not(hasKey("_id")))
                .body("$", not(hasKey("_meta")));
        // an integer is tried as int64 first, then as text
        given().when().get("/views/artists/42").then().statusCode(200).body("name", equalTo("Text forty-two"));
        given().header("If-None-Match", "\"0/50#1\"").when().get("/views/artists/abc").then().statusCode(304);
    }

    @Test
    void anInt64KeyWinsOverTheSameTextKey() {
        bridge.putDocument("gadgets", 5L, new Document("name", "number"), true, "0/51#1");
        bridge.putDocument("gadgets", "5", new Document("name", "text"), true, "0/51#2");

        given().when().get("/views/gadgets/5").then().statusCode(200).body("name", equalTo("number"));
    }

    @Test
    void bsonValuesBecomePlainJson() {
        bridge.putDocument("ledgers", 1L, new Document("amount", new Decimal128(new java.math.BigDecimal("12.50")))
                .append("at", Date.from(java.time.Instant.parse("2026-11-23T16:30:20.123Z")))
                .append("tags", java.util.List.of("a", "b")), true, "0/52#1");

        given().when().get("/views/ledgers/1")
                .then().statusCode(200)
                .body("amount", equalTo(12.50f))
                .body("at", equalTo("2026-11-23T16:30:20.123Z"))
                .body("tags[1]", equalTo("b"));
    }

    @Test
    void anUnknownProjectionIsA404ProblemAndSoAreTheBridgesOwnCollections() {
        for (String projection : new String[] {"nothing_here", "checkpoints", "rows", "Bad-Name"}) {
            given().when().get("/views/" + projection + "/1")
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://readmodel.io/problems/projection-not-found"));
            given().when().get("/views/" + projection)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://readmodel.io/problems/projection-not-found"));
        }
    }

    @Test
    void aProjectionKnownOnlyByItsCheckpointExistsButHasNoSuchDocument() {
        bridge.advance("empty_so_far");

        given().when().get("/views/empty_so_far/1")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://readmodel.io/problems/document-not-found"));
        given().when().get("/views/empty_so_far").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void aDocumentThatIsNotLiveIsA404Problem() {
        bridge.putDocument("artists", "ghost", new Document("name", "Ghost"), false, "0/53#1");

        given().when().get("/views/artists/ghost")
                .then().statusCode(404)
                .body("type", equalTo("https://readmodel.io/problems/document-not-found"))
                .body("instance", equalTo("/views/artists/ghost"));
    }

    @Test
    void aTokenWaitsOnTheProjectionsOwnCheckpoint() {
        bridge.putDocument("artists", "tok", new Document("name", "Token"), true, "0/54#1");
        Lsn applied = bridge.advance("artists");
        Lsn ahead = TestBridge.nextLsn();
        bridge.checkpoint("orders", ahead, java.time.Instant.now());

        given().header("X-Min-Position", applied.toString()).when().get("/views/artists/tok")
                .then().statusCode(200)
                .header("X-Applied-Position", applied.toString());
        given().header("X-Min-Position", ahead.toString()).header("Prefer", "wait=0")
                .when().get("/views/artists/tok")
                .then().statusCode(504)
                .header("X-Applied-Position", applied.toString())
                .body("detail", containsString("'artists'"));
        given().header("X-Min-Position", "nonsense").when().get("/views/artists")
                .then().statusCode(400)
                .body("type", equalTo("https://readmodel.io/problems/invalid-consistency-token"));
    }
}
