package io.readmodel.bench.baseline.order;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.readmodel.bench.baseline.ShopDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JOIN answers what read-api answers. The expected field names are read from read-api's own view records
 * ({@code OrderView}, {@code CustomerView}, {@code OrderLineView} in its sources), so a change there fails this test
 * instead of silently benchmarking a different answer; the benchmark also compares both apps' answers for real ids.
 */
@QuarkusTest
@QuarkusTestResource(ShopDatabase.class)
class OrderJoinResourceTest {

    private static final Path READ_API_VIEWS = Path.of("../read-api/src/main/java/io/readmodel/readapi/order");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theJoinAnswerHasReadApisFieldsInReadApisOrder() throws IOException {
        JsonNode order = answer("/orders/1");

        assertThat(fieldNames(order)).containsExactlyElementsOf(recordComponents("OrderView"));
        assertThat(fieldNames(order.get("customer"))).containsExactlyElementsOf(recordComponents("CustomerView"));
        for (JsonNode line : order.get("lines")) {
            assertThat(fieldNames(line)).containsExactlyElementsOf(recordComponents("OrderLineView"));
        }
    }

    @Test
    void theJoinAnswerCarriesTheRowsValuesLinesByLineIdAndMicrosecondUtcTime() throws IOException {
        JsonNode order = answer("/orders/1");

        assertThat(order).isEqualTo(JSON.readTree("""
                {"id":1,"status":"PLACED","totalCents":27000,"placedAt":"2026-11-23T15:30:20.123400Z",
                 "customer":{"id":1,"name":"Ada","email":"ada@example.com","city":"London"},
                 "lines":[{"productId":2,"sku":"DESK","productName":"Desk","quantity":1,"unitPriceCents":25000},
                          {"productId":1,"sku":"LAMP","productName":"Lamp","quantity":2,"unitPriceCents":1000}]}"""));
    }

    @Test
    void anOrderWithoutLinesHasAnEmptyLineList() throws IOException {
        assertThat(answer("/orders/2").get("lines").isEmpty()).isTrue();
    }

    @Test
    void aMissingOrderIsA404Problem() {
        get("/orders/999").then().statusCode(404).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://readmodel.io/problems/order-not-found"))
                .body("instance", org.hamcrest.Matchers.equalTo("/orders/999"));
        get("/orders/abc").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theCeilingRouteAnswersAFixedOrderForAnyId() throws IOException {
        JsonNode fixed = JSON.readTree(get("/ceiling/orders/5").then().statusCode(200).extract().asString());

        assertThat(fieldNames(fixed)).containsExactlyElementsOf(recordComponents("OrderView"));
        assertThat(get("/ceiling/orders/6").asString()).isEqualTo(fixed.toString());
    }

    private static JsonNode answer(String path) throws IOException {
        return JSON.readTree(get(path).then().statusCode(200).contentType("application/json").extract().asString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The component names of {@code record <name>(...)} in read-api's source file of that name. */
    private static List<String> recordComponents(String name) throws IOException {
        String source = Files.readString(READ_API_VIEWS.resolve(name + ".java"));
        Matcher header = Pattern.compile("record\\s+" + name + "\\s*\\(([^)]*)\\)").matcher(source);
        assertThat(header.find()).as("record %s in read-api", name).isTrue();
        return Arrays.stream(header.group(1).split(","))
                .map(String::trim)
                .map(component -> component.substring(component.lastIndexOf(' ') + 1))
                .toList();
    }
}
