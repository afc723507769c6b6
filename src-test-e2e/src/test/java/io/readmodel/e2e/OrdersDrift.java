package io.readmodel.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Compares the {@code orders} read model with what PostgreSQL says it should be, computed straight from the
 * tables with SQL in one snapshot: missing, extra and different documents.
 */
final class OrdersDrift {

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** The outcome. */
    record Report(int expected, List<Long> missing, List<Long> extra, Map<Long, String> different) {
        boolean isZero() {
            return missing.isEmpty() && extra.isEmpty() && different.isEmpty();
        }

        @Override
        public String toString() {
            return "expected " + expected + " documents; missing " + missing + ", extra " + extra + ", different "
                    + different.entrySet().stream().limit(3).toList();
        }
    }

    private OrdersDrift() {
    }

    static Report measure(Pipeline pipeline) throws SQLException {
        Map<Long, JsonNode> expected = expected(pipeline);
        Map<Long, JsonNode> actual = new TreeMap<>();
        try (MongoClient client = MongoClients.create(pipeline.mongoUri)) {
            for (Document document : client.getDatabase("readmodel").getCollection("orders").find(Filters.eq("_meta.live", true))
                    .projection(Projections.exclude("_meta")).batchSize(1000)) { // the stand-in sends all in one reply without a batch size
                long id = document.getLong("_id");
                document.remove("_id");
                actual.put(id, json(document.toJson(JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build())));
            }
        }
        List<Long> missing = new ArrayList<>();
        Map<Long, String> different = new LinkedHashMap<>();
        expected.forEach((id, document) -> {
            JsonNode found = actual.get(id);
            if (found == null) {
                missing.add(id);
            } else if (!found.equals(document)) {
                different.put(id, "expected " + document + " but was " + found);
            }
        });
        List<Long> extra = actual.keySet().stream().filter(id -> !expected.containsKey(id)).toList();
        return new Report(expected.size(), missing, extra, different);
    }

    private static Map<Long, JsonNode> expected(Pipeline pipeline) throws SQLException {
        Map<Long, Map<String, Object>> orders = new TreeMap<>();
        try (Connection connection = pipeline.sql()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement statement = connection.createStatement()) {
                ResultSet rows = statement.executeQuery("""
                        SELECT o.id, o.status, o.total_cents, o.placed_at, c.id AS cid, c.name, c.email, c.city
                        FROM orders o JOIN customers c ON c.id = o.customer_id""");
                while (rows.next()) {
                    Map<String, Object> order = new LinkedHashMap<>();
                    order.put("id", rows.getLong("id"));
                    order.put("status", rows.getString("status"));
                    order.put("totalCents", rows.getLong("total_cents"));
                    order.put("placedAt", MICROS.format(rows.getObject("placed_at", java.time.OffsetDateTime.class)));
                    order.put("customer", Map.of("id", rows.getLong("cid"), "name", rows.getString("name"),
                            "email", rows.getString("email"), "city", rows.getString("city")));
                    order.put("lines", new ArrayList<Map<String, Object>>());
                    orders.put(rows.getLong("id"), order);
                }
                ResultSet lines = statement.executeQuery("""
                        SELECT l.order_id, l.product_id, l.quantity, l.unit_price_cents, p.sku, p.name
                        FROM order_lines l JOIN products p ON p.id = l.product_id ORDER BY l.order_id, l.id""");
                while (lines.next()) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("productId", lines.getLong("product_id"));
                    line.put("quantity", lines.getInt("quantity"));
                    line.put("unitPriceCents", lines.getLong("unit_price_cents"));
                    line.put("sku", lines.getString("sku"));
                    line.put("productName", lines.getString("name"));
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> list = (List<Map<String, Object>>) orders.get(lines.getLong("order_id")).get("lines");
                    list.add(line);
                }
            }
            connection.commit();
        }
        Map<Long, JsonNode> expected = new TreeMap<>();
        orders.forEach((id, order) -> {
            try {
                expected.put(id, json(Http.JSON.writeValueAsString(order)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return expected;
    }

    private static JsonNode json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
