package io.readmodel.readapi.view;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.readmodel.readapi.MongoResource;
import io.readmodel.readapi.TestBridge;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(MongoResource.class)
class ViewListingTest {

    private static TestBridge bridge;

    @BeforeAll
    static void connect() {
        bridge = TestBridge.connect();
        // tracks 1..12: album 1 holds 1..4, album 2 holds 5..8, album 3 holds 9..12; track 13 is not live
        for (long id = 1; id <= 13; id++) {
            bridge.putDocument("tracks", id, new Document("id", id)
                    .append("name", "Track " + id)
                    .append("genre", id % 3 == 0 ? "Jazz" : id % 3 == 1 ? "Rock" : "Blues")
                    .append("milliseconds", 1000L * (id % 4)) // ties: 0, 1000, 2000, 3000
                    .append("explicit", id % 2 == 0)
                    .append("album", new Document("id", (id - 1) / 4 + 1).append("title", "Album " + ((id - 1) / 4 + 1))),
                    id != 13, "0/60#" + id);
        }
    }

    @AfterAll
    static void disconnect() {
        bridge.close();
    }

    @Test
    void withoutParametersLiveDocumentsComeByKeyWithoutIdAndMeta() {
        JsonPath page = list(given());

        assertThat(ids(page)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(page.getString("nextCursor")).isNull();
        given().when().get("/views/tracks").then().body("items[0]", not(hasKey("_id")))
                .body("items[0]", not(hasKey("_meta")));
    }

    @Test
    void anEqualityFilterOnANestedFieldSelectsTheAlbumsTracks() {
        assertThat(ids(list(given().queryParam("filter", "album.id:eq:2")))).containsExactly(5L, 6L, 7L, 8L);
    }

    @Test
    void filtersAreAndedAndTypedByTheirForm() {
        assertThat(ids(list(given().queryParam("filter", "milliseconds:gt:1000")
                .queryParam("filter", "explicit:eq:true")))).containsExactly(2L, 6L, 10L);
        assertThat(ids(list(given().queryParam("filter", "milliseconds:lte:1000.5")
                .queryParam("filter", "album.id:lt:3")))).containsExactly(1L, 4L, 5L, 8L);
        assertThat(ids(list(given().queryParam("filter", "genre:ne:Rock")
                .queryParam("filter", "id:gte:9")))).containsExactly(9L, 11L, 12L);
        assertThat(ids(list(given().queryParam("filter", "name:eq:Track 3")))).containsExactly(3L);
    }

    @Test
    void inMatchesAnyOfItsValues() {
        assertThat(ids(list(given().queryParam("filter", "genre:in:Jazz|Blues")
                .queryParam("filter", "album.id:in:1|3")))).containsExactly(2L, 3L, 9L, 11L, 12L);
        assertThat(ids(list(given().queryParam("filter", "id:in:4")))).containsExactly(4L);
    }

    @Test
    void sortingAscendingAndDescendingBreaksTiesByKeyInTheLastFieldsDirection() {
        assertThat(ids(list(given().queryParam("sort", "milliseconds"))))
                .containsExactly(4L, 8L, 12L, 1L, 5L, 9L, 2L, 6L, 10L, 3L, 7L, 11L);
        assertThat(ids(list(given().queryParam("sort", "-milliseconds"))))
                .containsExactly(11L, 7L, 3L, 10L, 6L, 2L, 9L, 5L, 1L, 12L, 8L, 4L);
        assertThat(ids(list(given().queryParam("sort", "genre,-album.id"))))
                .containsExactly(11L, 8L, 5L, 2L, 12L, 9L, 6L, 3L, 10L, 7L, 4L, 1L);
    }

    @Test
    void pagesFollowTheSortOrderAcrossTiesWithTheCursor() {
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = given().queryParam("sort", "-milliseconds,genre").queryParam("limit", 5);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = list(request);
            seen.addAll(ids(page));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(ids(list(given().queryParam("sort", "-milliseconds,genre"))));
    }

    @Test
    void twentyFiveDocumentsComeInStablePagesOfTenEvenWhenOneArrivesBetweenPages() {
        // 25 live documents, scores in pairs (ties broken by _id); one not live; other groups filtered out
        List<Long> expected = new ArrayList<>();
        for (long id = 100; id < 125; id++) {
            bridge.putDocument("scores", id, new Document("player", "p" + id).append("group", "A")
                    .append("score", (id - 100) / 2), true, "0/70#" + id);
        }
        for (long id = 124; id >= 100; id--) {
            expected.add(id); // score desc, then _id desc
        }
        bridge.putDocument("scores", 200L, new Document("group", "A").append("score", 5L), false, "0/70#200");
        bridge.putDocument("scores", 201L, new Document("group", "B").append("score", 5L), true, "0/70#201");

        JsonPath first = scores(null);
        bridge.putDocument("scores", 300L, new Document("player", "late").append("group", "A").append("score", 99L),
                true, "0/71#1"); // belongs before page 1: never shown by this walk
        bridge.putDocument("scores", 110L, new Document("player", "p110").append("group", "A").append("score", 5L),
                true, "0/71#2"); // an update that keeps its place
        JsonPath second = scores(first.getString("nextCursor"));
        JsonPath third = scores(second.getString("nextCursor"));

        assertThat(ids(first, "items.player")).hasSize(10);
        assertThat(ids(second, "items.player")).hasSize(10);
        assertThat(ids(third, "items.player")).hasSize(5);
        List<Long> seen = new ArrayList<>();
        seen.addAll(ids(first, "items.player"));
        seen.addAll(ids(second, "items.player"));
        seen.addAll(ids(third, "items.player"));
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(third.getString("nextCursor")).isNull();
    }

    @Test
    void pagesWalkPastDocumentsWhoseSortFieldIsNullOrMissingInBothDirections() {
        for (long id = 1; id <= 7; id++) {
            Document fields = new Document("n", id);
            if (id % 3 == 1) {
                fields.append("rank", null); // 1, 4, 7: null
            } else if (id % 3 == 2) {
                fields.append("rank", id / 3); // 2, 5: ranks 0 and 1
            } // 3, 6: no rank at all
            bridge.putDocument("sparse", id, fields, true, "0/90#" + id);
        }
        for (String sort : new String[] {"rank", "-rank"}) {
            List<Long> walked = new ArrayList<>();
            String cursor = null;
            do {
                RequestSpecification request = given().queryParam("sort", sort).queryParam("limit", 2);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                JsonPath page = request.when().get("/views/sparse").then().statusCode(200).extract().jsonPath();
                walked.addAll(page.getList("items.n", Long.class));
                cursor = page.getString("nextCursor");
            } while (cursor != null);

            List<Long> whole = given().queryParam("sort", sort).when().get("/views/sparse")
                    .then().statusCode(200).extract().jsonPath().getList("items.n", Long.class);
            assertThat(walked).as(sort).containsExactlyElementsOf(whole).hasSize(7);
            assertThat(whole.subList(sort.startsWith("-") ? 0 : 5, sort.startsWith("-") ? 2 : 7))
                    .as(sort).containsExactlyInAnyOrder(2L, 5L);
        }
    }

    @Test
    void withoutALimitAPageHoldsTwentyDocuments() {
        for (long id = 1; id <= 21; id++) {
            bridge.putDocument("many", id, new Document("n", id), true, "0/80#" + id);
        }
        JsonPath page = given().when().get("/views/many").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items")).hasSize(20);
        assertThat(page.getString("nextCursor")).isNotNull();
    }

    @Test
    void malformedParametersAre400ProblemsNamingTheParameter() {
        String[][] cases = {
            {"filter", "name"},
            {"filter", "name:eq"},
            {"filter", "name:like:x"},
            {"filter", "_meta.live:eq:false"},
            {"filter", "_id:eq:1"},
            {"filter", "na-me:eq:1"},
            {"filter", "$where:eq:1"},
            {"filter", "a..b:eq:1"},
            {"sort", "a,b,c,d"},
            {"sort", "-_meta.position"},
            {"sort", "name,name"},
            {"sort", "a,,b"},
            {"limit", "0"},
            {"limit", "101"},
            {"limit", "many"},
            {"cursor", "not a cursor"},
            {"cursor", "eyJzIjoiX2lkIn0"}, // {"s":"_id"}: no values
        };
        for (String[] bad : cases) {
            given().queryParam(bad[0], bad[1]).when().get("/views/tracks")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://readmodel.io/problems/invalid-" + bad[0]))
                    .body("detail", containsString(bad[0]));
        }
    }

    @Test
    void aCursorIsOnlyValidForTheSortOrderItWasMadeFor() {
        String cursor = list(given().queryParam("sort", "-milliseconds").queryParam("limit", 2))
                .getString("nextCursor");

        given().queryParam("sort", "milliseconds").queryParam("cursor", cursor).when().get("/views/tracks")
                .then().statusCode(400)
                .body("type", equalTo("https://readmodel.io/problems/invalid-cursor"));
        given().queryParam("sort", "-milliseconds").queryParam("cursor", cursor).queryParam("limit", 2)
                .when().get("/views/tracks")
                .then().statusCode(200)
                .body("items[0].id", equalTo(3))
                .body("nextCursor", not(nullValue()));
    }

    private static JsonPath scores(String cursor) {
        RequestSpecification request = given().queryParam("filter", "group:eq:A").queryParam("sort", "-score")
                .queryParam("limit", 10);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.when().get("/views/scores").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath list(RequestSpecification request) {
        return request.when().get("/views/tracks").then().statusCode(200).extract().jsonPath();
    }

    private static List<Long> ids(JsonPath page) {
        return page.getList("items.id", Long.class);
    }

    private static List<Long> ids(JsonPath page, String players) {
        return page.getList(players, String.class).stream().map(player -> Long.parseLong(player.substring(1)))
                .toList();
    }
}
