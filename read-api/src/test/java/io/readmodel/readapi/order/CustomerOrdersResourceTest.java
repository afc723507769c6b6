package io.readmodel.readapi.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.readmodel.readapi.MongoResource;
import io.readmodel.readapi.TestBridge;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(MongoResource.class)
class CustomerOrdersResourceTest {

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
    void twentyFiveOrdersComeInPagesOfTenTenFiveNewestFirstEvenWhenAnOrderArrivesBetweenPages() {
        long customer = 500;
        List<Long> expected = new ArrayList<>();
        // ids 1000..1024; every pair of orders shares a placedAt, so the _id tiebreak matters
        for (int i = 0; i < 25; i++) {
            long id = 1000 + i;
            bridge.putOrder(id, customer, placedAt(i / 2), "PLACED", true, "0/1#" + i);
        }
        for (int i = 24; i >= 0; i--) {
            expected.add(1000L + i); // placedAt desc, then _id desc
        }
        bridge.putOrder(1100, customer, placedAt(5), "PLACED", false, "0/1#99"); // not live: never listed
        bridge.putOrder(1101, customer + 1, placedAt(5), "PLACED", true, "0/1#98"); // another customer

        JsonPath first = page(customer, 10, null);
        bridge.putOrder(1200, customer, placedAt(99), "PLACED", true, "0/2#1"); // newest: belongs before page 1
        bridge.putOrder(1005, customer, placedAt(2), "SHIPPED", true, "0/2#2"); // an update keeps its place
        JsonPath second = page(customer, 10, first.getString("nextCursor"));
        JsonPath third = page(customer, 10, second.getString("nextCursor"));

        List<Long> seen = new ArrayList<>();
        seen.addAll(ids(first));
        seen.addAll(ids(second));
        seen.addAll(ids(third));
        assertThat(ids(first)).hasSize(10);
        assertThat(ids(second)).hasSize(10);
        assertThat(ids(third)).hasSize(5);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(third.getString("nextCursor")).isNull();
        assertThat(first.getString("nextCursor")).isNotNull();
    }

    @Test
    void withoutALimitAPageHoldsTwentyOrders() {
        long customer = 600;
        for (int i = 0; i < 21; i++) {
            bridge.putOrder(2000 + i, customer, placedAt(i), "PLACED", true, "0/1#" + i);
        }
        given().when().get("/customers/" + customer + "/orders")
                .then().statusCode(200)
                .body("items", hasSize(20))
                .body("items[0].id", equalTo(2020));
    }

    @Test
    void aCustomerWithoutOrdersGetsAnEmptyLastPage() {
        given().when().get("/customers/424242/orders")
                .then().statusCode(200)
                .body("items", hasSize(0))
                .body("nextCursor", nullValue());
    }

    @Test
    void aLimitOutsideOneToAHundredIsA400Problem() {
        for (String limit : new String[] {"0", "101", "-1", "ten", "99999999999"}) {
            given().queryParam("limit", limit).when().get("/customers/1/orders")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://readmodel.io/problems/invalid-limit"));
        }
        given().queryParam("limit", "100").when().get("/customers/1/orders").then().statusCode(200);
    }

    @Test
    void aMalformedCursorIsA400Problem() {
        String[] cursors = {
            "not base64!",
            "bm9zZXBhcmF0b3I", // "noseparator"
            "MjAyNnwxMg", // "2026|12": not a time
            "MjAyNi0xMS0yM1QxNjozMDoyMC4xMjM0NTZafGFiYw", // "2026-11-23T16:30:20.123456Z|abc": not an id
        };
        for (String cursor : cursors) {
            given().queryParam("cursor", cursor).when().get("/customers/1/orders")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://readmodel.io/problems/invalid-cursor"));
        }
    }

    @Test
    void aMalformedCustomerIdIsA400Problem() {
        given().when().get("/customers/seven/orders")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://readmodel.io/problems/invalid-id"));
    }

    private static JsonPath page(long customer, int limit, String cursor) {
        var request = given().queryParam("limit", limit);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.when().get("/customers/" + customer + "/orders")
                .then().statusCode(200)
                .extract().jsonPath();
    }

    private static List<Long> ids(JsonPath page) {
        return page.getList("items.id", Long.class);
    }

    private static String placedAt(int second) {
        return String.format("2026-11-23T16:%02d:%02d.000100Z", second / 60, second % 60);
    }
}
