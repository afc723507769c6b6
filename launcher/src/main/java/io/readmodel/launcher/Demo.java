package io.readmodel.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pipeline up --demo}: places a few orders through write-api, then reads the last one back from read-api
 * with its consistency token, so that the read model has content and the round trip is visible. A failing step
 * is reported and ends the demo; it never stops the pipeline.
 */
final class Demo {

    static final String CUSTOMERS = "/customers";
    static final String PRODUCTS = "/products";
    static final String ORDERS = "/orders";

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern LOCATION_ID = Pattern.compile("/(\\d+)/?$");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String writeApi;
    private final String readApi;
    private final PrintStream out;
    private final String authorization;

    /** A demo that sends {@code token} as its bearer token to both APIs. */
    Demo(String writeApi, String readApi, String token, PrintStream out) {
        this.writeApi = writeApi;
        this.readApi = readApi;
        this.authorization = "Bearer " + token;
        this.out = out;
    }

    static String customerJson(String name, String email, String city) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"city\":\"" + city + "\"}";
    }

    static String productJson(String sku, String name, long priceCents, int stock) {
        return "{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"priceCents\":" + priceCents
                + ",\"stock\":" + stock + "}";
    }

    static String orderJson(long customerId, long productId, int quantity) {
        return "{\"customerId\":" + customerId + ",\"lines\":[{\"productId\":" + productId
                + ",\"quantity\":" + quantity + "}]}";
    }

    /** Runs the demo; returns whether every step succeeded. */
    boolean run() throws InterruptedException {
        try {
            // unique per run: the data directory persists and SKUs are unique
            String run = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000);
            long ada = create(CUSTOMERS, customerJson("Ada Lovelace", "ada@example.com", "London")).id();
            long grace = create(CUSTOMERS, customerJson("Grace Hopper", "grace@example.com", "New York")).id();
            long lamp = create(PRODUCTS, productJson("LAMP-" + run, "Desk lamp", 2599, 100)).id();
            long mug = create(PRODUCTS, productJson("MUG-" + run, "Mug", 899, 100)).id();
            create(ORDERS, orderJson(ada, lamp, 1));
            create(ORDERS, orderJson(grace, mug, 3));
            Created last = create(ORDERS, orderJson(ada, mug, 2));
            out.println("demo: placed 3 orders; reading order " + last.id() + " back with X-Min-Position: "
                    + last.token().orElse("(no token)"));
            HttpRequest.Builder read = HttpRequest.newBuilder(URI.create(readApi + ORDERS + "/" + last.id()))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", authorization).GET();
            last.token().ifPresent(token -> read.header("X-Min-Position", token));
            HttpResponse<String> answer = http.send(read.build(), HttpResponse.BodyHandlers.ofString());
            out.println("demo: read-api answered " + answer.statusCode() + ": " + answer.body());
            return answer.statusCode() == 200;
        } catch (DemoStepFailed e) {
            out.println("demo: " + e.getMessage());
            return false;
        } catch (IOException e) {
            out.println("demo: " + e);
            return false;
        }
    }

    private Created create(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(writeApi + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new DemoStepFailed("POST " + path + " " + json + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        long id = idOf(response.body(), response.headers().firstValue("Location").orElse(""))
                .orElseThrow(() -> new DemoStepFailed("POST " + path + " answered " + response.statusCode()
                        + " without an id: " + response.body()));
        return new Created(id, response.headers().firstValue("X-Consistency-Token"));
    }

    /** The id of a created resource, from the JSON body or else from the Location header. */
    static Optional<Long> idOf(String body, String location) {
        Matcher inBody = ID.matcher(body == null ? "" : body);
        if (inBody.find()) {
            return Optional.of(Long.parseLong(inBody.group(1)));
        }
        Matcher inLocation = LOCATION_ID.matcher(location == null ? "" : location);
        return inLocation.find() ? Optional.of(Long.parseLong(inLocation.group(1))) : Optional.empty();
    }

    private record Created(long id, Optional<String> token) {
    }

    private static final class DemoStepFailed extends RuntimeException {
        DemoStepFailed(String message) {
            super(message);
        }
    }
}
