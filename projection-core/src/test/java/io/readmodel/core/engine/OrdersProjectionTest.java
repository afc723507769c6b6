package io.readmodel.core.engine;

import static io.readmodel.core.testkit.SourceHistory.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.readmodel.core.change.RowChange;
import io.readmodel.core.definition.OrdersProjection;
import io.readmodel.core.testkit.InMemoryReadModel;
import io.readmodel.core.testkit.SourceHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrdersProjectionTest {

    private static final String ORDERS = OrdersProjection.NAME;

    private SourceHistory history;
    private InMemoryReadModel readModel;

    @BeforeEach
    void setUp() {
        history = new SourceHistory();
        readModel = newReadModel();
        history.commit(tx -> tx
                .insert("customers", row("id", 7L, "name", "Ada", "email", "ada@example.com", "city", "London"))
                .insert("customers", row("id", 8L, "name", "Bob", "email", "bob@example.com", "city", "Paris"))
                .insert("products", row("id", 1L, "sku", "LAMP", "name", "Lamp", "price_cents", 1000L, "stock", 5))
                .insert("products", row("id", 2L, "sku", "DESK", "name", "Desk", "price_cents", 9000L, "stock", 5)));
        history.commit(tx -> tx
                .insert("orders", order(100L, 7L, "PLACED", 11000L))
                .insert("order_lines", line(1000L, 100L, 1L, 2, 1000L))
                .insert("order_lines", line(1001L, 100L, 2L, 1, 9000L)));
        history.commit(tx -> tx
                .insert("orders", order(101L, 7L, "PLACED", 1000L))
                .insert("order_lines", line(1002L, 101L, 1L, 1, 1000L)));
    }

    @Test
    void lookedUpTablesAndParentsComeFirstInTheSnapshotOrder() {
        assertThat(new ChangeProjector(List.of(OrdersProjection.definition())).tables())
                .containsExactly("customers", "products", "orders", "order_lines");
    }

    @Test
    void placingAnOrderBuildsTheDocumentWithItsCustomerAndLines() {
        readModel.apply(history.changes());

        assertThat(readModel.view(ORDERS, 100L)).isEqualTo(row(
                "id", 100L, "status", "PLACED", "totalCents", 11000L, "placedAt", "2026-01-01T00:00:00.000000Z",
                "customer", row("id", 7L, "name", "Ada", "email", "ada@example.com", "city", "London"),
                "lines", List.of(
                        row("productId", 1L, "quantity", 2, "unitPriceCents", 1000L, "sku", "LAMP", "productName", "Lamp"),
                        row("productId", 2L, "quantity", 1, "unitPriceCents", 9000L, "sku", "DESK", "productName", "Desk"))));
    }

    @Test
    void renamingACustomerUpdatesEveryOrderThatShowsIt() {
        history.commit(tx -> tx.update("customers", row("id", 7L, "name", "Ada L.", "email", "ada@example.com", "city", "Oxford")));

        readModel.apply(history.changes());

        assertThat(customerOf(100L)).containsEntry("name", "Ada L.").containsEntry("city", "Oxford");
        assertThat(customerOf(101L)).containsEntry("name", "Ada L.").containsEntry("city", "Oxford");
    }

    @Test
    void renamingACustomerInALaterBatchReachesDocumentsWrittenEarlier() {
        readModel.apply(history.changes());
        int before = history.changes().size();
        history.commit(tx -> tx.update("customers", row("id", 7L, "name", "Ada L.", "email", "ada@example.com", "city", "Oxford")));

        readModel.apply(history.changes().subList(before, history.changes().size()));

        assertThat(customerOf(100L)).containsEntry("name", "Ada L.");
        assertThat(customerOf(101L)).containsEntry("name", "Ada L.");
    }

    @Test
    void renamingAProductUpdatesTheLinesOfEveryOrder() {
        readModel.apply(history.changes());
        history.commit(tx -> tx.update("products", row("id", 1L, "sku", "LAMP", "name", "Desk lamp", "price_cents", 1200L, "stock", 4)));

        readModel.apply(lastTransaction());

        assertThat(lines(100L).get(0)).containsEntry("productName", "Desk lamp");
        assertThat(lines(101L).get(0)).containsEntry("productName", "Desk lamp");
    }

    @Test
    void deletingALineRemovesItFromItsOrder() {
        readModel.apply(history.changes());
        history.commit(tx -> tx.delete("order_lines", 1001L));

        readModel.apply(lastTransaction());

        assertThat(lines(100L)).extracting(line -> line.get("productId")).containsExactly(1L);
    }

    @Test
    void movingALineToAnotherOrderTakesItOutOfTheOldOne() {
        readModel.apply(history.changes());
        history.commit(tx -> tx.update("order_lines", line(1001L, 101L, 2L, 1, 9000L)));

        readModel.apply(lastTransaction());

        assertThat(lines(100L)).extracting(line -> line.get("productId")).containsExactly(1L);
        assertThat(lines(101L)).extracting(line -> line.get("productId")).containsExactly(2L, 1L); // ordered by line id
    }

    @Test
    void changingTheCustomerOfAnOrderShowsTheNewCustomer() {
        readModel.apply(history.changes());
        history.commit(tx -> tx.update("orders", order(101L, 8L, "PLACED", 1000L)));
        history.commit(tx -> tx.update("customers", row("id", 7L, "name", "Ada L.", "email", "a@x.io", "city", "Oxford")));

        readModel.apply(history.changes().subList(history.changes().size() - 2, history.changes().size()));

        assertThat(customerOf(101L)).containsEntry("id", 8L).containsEntry("name", "Bob");
        assertThat(customerOf(100L)).containsEntry("name", "Ada L.");
    }

    @Test
    void deletedOrderIsGoneAndAnOlderLateUpdateDoesNotResurrectIt() {
        history.commit(tx -> tx.update("orders", order(101L, 7L, "SHIPPED", 1000L)));
        RowChange lateUpdate = lastTransaction().get(0);
        history.commit(tx -> tx.delete("order_lines", 1002L).delete("orders", 101L));
        readModel.apply(history.changes());

        readModel.apply(List.of(lateUpdate));

        assertThat(readModel.view(ORDERS, 101L)).isNull();
        assertThat(readModel.view(ORDERS, 100L)).isNotNull();
    }

    @Test
    void unchangedToastedValueKeepsThePreviousValue() {
        readModel.apply(history.changes());
        history.commit(tx -> tx.updateWithout("customers", row("id", 7L, "email", "ada@new.example", "city", "London"), Set.of("name")));

        readModel.apply(lastTransaction());

        assertThat(customerOf(100L)).containsEntry("name", "Ada").containsEntry("email", "ada@new.example");
    }

    @Test
    void replayingTheSameEventsTwiceLeavesDocumentsUnchanged() {
        history.commit(tx -> tx.update("customers", row("id", 7L, "name", "Ada L.", "email", "ada@example.com", "city", "Oxford")));
        history.commit(tx -> tx.delete("order_lines", 1001L).update("orders", order(100L, 7L, "CANCELLED", 1000L)));
        readModel.apply(history.changes());
        Map<Object, Map<String, Object>> once = readModel.views(ORDERS);

        readModel.apply(history.changes());
        List<RowChange> all = history.changes();
        for (int start = 0; start < all.size(); start++) {
            readModel.apply(all.subList(start, all.size()));
        }

        assertThat(readModel.views(ORDERS)).isEqualTo(once);
    }

    @Test
    void oneBatchOrOneChangePerBatchGiveTheSameDocuments() {
        history.commit(tx -> tx.update("products", row("id", 2L, "sku", "DESK", "name", "Big desk", "price_cents", 9000L, "stock", 5)));
        readModel.apply(history.changes());
        InMemoryReadModel oneByOne = newReadModel();

        oneByOne.applyEach(history.changes());

        assertThat(oneByOne.views(ORDERS)).isEqualTo(readModel.views(ORDERS));
    }

    private static InMemoryReadModel newReadModel() {
        return new InMemoryReadModel(new ChangeProjector(List.of(OrdersProjection.definition())));
    }

    private List<RowChange> lastTransaction() {
        List<RowChange> all = history.changes();
        RowChange last = all.get(all.size() - 1);
        List<RowChange> transaction = new ArrayList<>();
        for (RowChange change : all) {
            if (change.position().commitLsn().equals(last.position().commitLsn())) {
                transaction.add(change);
            }
        }
        return transaction;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> customerOf(long orderId) {
        return (Map<String, Object>) readModel.view(ORDERS, orderId).get("customer");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> lines(long orderId) {
        return (List<Map<String, Object>>) readModel.view(ORDERS, orderId).get("lines");
    }

    private static Map<String, Object> order(long id, long customerId, String status, long total) {
        return row("id", id, "customer_id", customerId, "status", status, "total_cents", total,
                "placed_at", "2026-01-01T00:00:00.000000Z");
    }

    private static Map<String, Object> line(long id, long orderId, long productId, int quantity, long price) {
        return row("id", id, "order_id", orderId, "product_id", productId, "quantity", quantity, "unit_price_cents", price);
    }
}
