package io.readmodel.core.engine;

import static io.readmodel.core.testkit.SourceHistory.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.readmodel.core.change.RowChange;
import io.readmodel.core.change.RowKey;
import io.readmodel.core.definition.OrdersProjection;
import io.readmodel.core.definition.ProjectionDefinition;
import io.readmodel.core.testkit.AggregatingCustomers;
import io.readmodel.core.testkit.InMemoryReadModel;
import io.readmodel.core.testkit.SourceHistory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property-style tests of the merge laws over random histories (inserts, updates, deletes, re-parented lines,
 * primary-key changes, re-assigned customers): however the changes are delivered — in batches of any size, with duplicates, with
 * suffixes replayed, with each row's changes kept in order but rows interleaved differently (what Kafka's
 * per-key partitions can do) — the documents equal those of in-order delivery. Each seed is one history.
 * Customers aggregate their orders (count, filtered sum, min, max, latest) through detached components folded in
 * change by change; in-order delivery must also equal a snapshot of the final rows, where every aggregate is
 * computed from inserts only.
 */
class MergeLawsTest {

    private static final String ORDERS = OrdersProjection.NAME;
    private static final String CUSTOMERS = AggregatingCustomers.NAME;
    private static final ProjectionDefinition CUSTOMERS_DEFINITION = AggregatingCustomers.definition();

    static Stream<Long> seeds() {
        return LongStream.range(1, 201).boxed();
    }

    @ParameterizedTest(name = "history {0}")
    @MethodSource("seeds")
    void anyBatchingWithDuplicatesAndReplaysGivesTheInOrderDocuments(long seed) {
        Random random = new Random(seed);
        List<RowChange> history = randomHistory(random);
        Map<String, Map<Object, Map<String, Object>>> inOrder = project(List.of(history));

        List<List<RowChange>> deliveries = new ArrayList<>();
        int at = 0;
        while (at < history.size()) {
            int size = 1 + random.nextInt(8);
            List<RowChange> batch = new ArrayList<>(history.subList(at, Math.min(history.size(), at + size)));
            if (random.nextInt(4) == 0) {
                batch.add(batch.get(random.nextInt(batch.size()))); // a duplicate within the batch
            }
            deliveries.add(batch);
            if (random.nextInt(5) == 0) {
                deliveries.add(history.subList(random.nextInt(at + 1), Math.min(history.size(), at + size))); // a replay
            }
            at += size;
        }

        assertThat(project(deliveries)).isEqualTo(inOrder);
    }

    @ParameterizedTest(name = "history {0}")
    @MethodSource("seeds")
    void rowsInterleavedDifferentlyButEachRowInOrderGiveTheInOrderDocuments(long seed) {
        Random random = new Random(seed);
        List<RowChange> history = randomHistory(random);
        Map<String, Map<Object, Map<String, Object>>> inOrder = project(List.of(history));

        Map<RowKey, List<RowChange>> perRow = new LinkedHashMap<>();
        history.forEach(change -> perRow.computeIfAbsent(change.row(), key -> new ArrayList<>()).add(change));
        List<RowChange> shuffled = new ArrayList<>();
        List<List<RowChange>> queues = new ArrayList<>(perRow.values().stream().map(ArrayList::new).toList());
        while (!queues.isEmpty()) {
            List<RowChange> queue = queues.get(random.nextInt(queues.size()));
            shuffled.add(queue.remove(0));
            if (queue.isEmpty()) {
                queues.remove(queue);
            }
        }

        assertThat(project(List.of(shuffled))).isEqualTo(inOrder);
        assertThat(project(shuffled.stream().map(List::of).toList())).isEqualTo(inOrder);
    }

    @ParameterizedTest(name = "history {0}")
    @MethodSource("seeds")
    void foldedAggregatesEqualAggregatesOverASnapshotOfTheFinalRows(long seed) {
        List<RowChange> history = randomHistory(new Random(seed));
        Map<RowKey, RowChange> finalRows = new LinkedHashMap<>();
        history.forEach(change -> {
            if (change.isDelete()) {
                finalRows.remove(change.row());
            } else {
                finalRows.put(change.row(), change);
            }
        });
        List<RowChange> snapshot = finalRows.values().stream()
                .map(change -> new RowChange(change.row(), RowChange.Operation.READ, change.values(), null,
                        change.position(), change.commitTime()))
                .toList();

        assertThat(project(List.of(history)).get(CUSTOMERS)).isEqualTo(project(List.of(snapshot)).get(CUSTOMERS));
    }

    private static Map<String, Map<Object, Map<String, Object>>> project(List<List<RowChange>> deliveries) {
        InMemoryReadModel readModel = new InMemoryReadModel(
                new ChangeProjector(List.of(OrdersProjection.definition(), CUSTOMERS_DEFINITION)));
        deliveries.forEach(readModel::apply);
        return Map.of(ORDERS, readModel.views(ORDERS), CUSTOMERS, readModel.views(CUSTOMERS));
    }

    /** A random but valid history: rows referenced exist, deletes remove existing rows. */
    private static List<RowChange> randomHistory(Random random) {
        SourceHistory history = new SourceHistory();
        Map<Long, Map<String, Object>> customers = new HashMap<>();
        Map<Long, Map<String, Object>> products = new HashMap<>();
        Map<Long, Map<String, Object>> orders = new HashMap<>();
        Map<Long, Map<String, Object>> lines = new HashMap<>();
        history.commit(tx -> {
            for (long id = 1; id <= 3; id++) {
                customers.put(id, row("id", id, "name", "c" + id, "email", "c" + id + "@x.io", "city", "city" + id));
                tx.insert("customers", customers.get(id));
                products.put(id, row("id", id, "sku", "S" + id, "name", "p" + id));
                tx.insert("products", products.get(id));
            }
        });
        long[] nextId = {100};
        int transactions = 5 + random.nextInt(20);
        for (int t = 0; t < transactions; t++) {
            history.commit(tx -> {
                int steps = 1 + random.nextInt(4);
                for (int s = 0; s < steps; s++) {
                    switch (random.nextInt(10)) {
                        case 0, 1 -> {
                            long id = nextId[0]++;
                            orders.put(id, row("id", id, "customer_id", 1L + random.nextInt(3), "status", "PLACED",
                                    "total_cents", (long) random.nextInt(10_000), "placed_at", placedAt(random)));
                            tx.insert("orders", orders.get(id));
                        }
                        case 2, 3 -> pick(random, orders.keySet()).ifPresent(orderId -> {
                            long id = nextId[0]++;
                            lines.put(id, row("id", id, "order_id", orderId, "product_id", 1L + random.nextInt(3),
                                    "quantity", 1 + random.nextInt(5), "unit_price_cents", 100L));
                            tx.insert("order_lines", lines.get(id));
                        });
                        case 4 -> pick(random, lines.keySet()).ifPresent(id -> {
                            Map<String, Object> line = new LinkedHashMap<>(lines.get(id));
                            if (random.nextBoolean()) {
                                pick(random, orders.keySet()).ifPresent(orderId -> line.put("order_id", orderId)); // re-parent
                            } else {
                                line.put("quantity", 1 + random.nextInt(9));
                            }
                            lines.put(id, line);
                            tx.update("order_lines", line);
                        });
                        case 5 -> pick(random, lines.keySet()).ifPresent(id -> {
                            lines.remove(id);
                            tx.delete("order_lines", id);
                        });
                        case 6 -> pick(random, orders.keySet()).ifPresent(id -> {
                            Map<String, Object> order = new LinkedHashMap<>(orders.get(id));
                            order.put("customer_id", 1L + random.nextInt(3));
                            order.put("status", random.nextBoolean() ? "SHIPPED" : "CANCELLED");
                            if (random.nextBoolean()) {
                                order.put("total_cents", (long) random.nextInt(10_000));
                                order.put("placed_at", placedAt(random)); // an extreme may go down
                            }
                            orders.put(id, order);
                            tx.update("orders", order);
                        });
                        case 7 -> pick(random, orders.keySet()).ifPresent(id -> {
                            lines.entrySet().removeIf(line -> {
                                boolean child = id.equals(line.getValue().get("order_id"));
                                if (child) {
                                    tx.delete("order_lines", line.getKey());
                                }
                                return child;
                            });
                            orders.remove(id);
                            tx.delete("orders", id);
                        });
                        case 8 -> pick(random, lines.keySet()).ifPresent(id -> {
                            // a primary-key update arrives as a delete of the old key and a create of the new one
                            long newId = nextId[0]++;
                            Map<String, Object> line = new LinkedHashMap<>(lines.remove(id));
                            line.put("id", newId);
                            lines.put(newId, line);
                            tx.delete("order_lines", id);
                            tx.insert("order_lines", line);
                        });
                        default -> {
                            long id = 1L + random.nextInt(3);
                            Map<String, Object> customer = new LinkedHashMap<>(customers.get(id));
                            customer.put("name", "c" + id + "-" + random.nextInt(1000));
                            customers.put(id, customer);
                            tx.update("customers", customer);
                            long productId = 1L + random.nextInt(3);
                            Map<String, Object> product = new LinkedHashMap<>(products.get(productId));
                            if (random.nextBoolean()) {
                                product.put("name", "p" + productId + "-" + random.nextInt(1000));
                            } else {
                                product.put("stock", random.nextInt(1000)); // a column no order shows
                            }
                            products.put(productId, product);
                            tx.update("products", product);
                        }
                    }
                }
            });
        }
        return history.changes();
    }

    /** Few distinct times, so that ties are common. */
    private static String placedAt(Random random) {
        return "2026-01-0" + (1 + random.nextInt(4)) + "T00:00:00.000000Z";
    }

    private static java.util.Optional<Long> pick(Random random, Set<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<Long> sorted = new ArrayList<>(new HashSet<>(ids));
        Collections.sort(sorted);
        return java.util.Optional.of(sorted.get(random.nextInt(sorted.size())));
    }
}
