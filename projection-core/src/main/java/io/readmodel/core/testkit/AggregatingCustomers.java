package io.readmodel.core.testkit;

import io.readmodel.core.definition.AggregateDefinition;
import io.readmodel.core.definition.AggregateDefinition.Function;
import io.readmodel.core.definition.ChildDefinition;
import io.readmodel.core.definition.Condition;
import io.readmodel.core.definition.FieldMapping;
import io.readmodel.core.definition.ProjectionDefinition;
import io.readmodel.core.definition.RowFilter;
import java.util.List;

/**
 * A {@code customers} projection with an aggregate of every kind over its orders (count, filtered sum, min, max,
 * latest), which it only aggregates: the subject of the property tests of folded aggregates and detached components.
 */
public final class AggregatingCustomers {

    /** The projection's name. */
    public static final String NAME = "customers";

    private AggregatingCustomers() {
    }

    /** The definition: orders by {@code customer_id}; {@code openValue} sums the orders not cancelled. */
    public static ProjectionDefinition definition() {
        return new ProjectionDefinition(NAME, "customers", "id",
                List.of(FieldMapping.of("id", "id"), FieldMapping.of("name", "name")), List.of(),
                List.of(new ChildDefinition(null, "orders", "id", "customer_id", null, false, List.of(), List.of(), List.of())),
                List.of(new AggregateDefinition("orderCount", Function.COUNT, "orders", null, null, null),
                        new AggregateDefinition("openValue", Function.SUM, "orders", "total_cents", null,
                                new RowFilter(List.of(new Condition("status", Condition.Operator.NE, List.of("CANCELLED"))))),
                        new AggregateDefinition("smallest", Function.MIN, "orders", "total_cents", null, null),
                        new AggregateDefinition("lastPlacedAt", Function.MAX, "orders", "placed_at", null, null),
                        new AggregateDefinition("lastStatus", Function.LATEST, "orders", "status", "placed_at", null)),
                RowFilter.ALL);
    }
}
