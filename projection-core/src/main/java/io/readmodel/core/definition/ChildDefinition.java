package io.readmodel.core.definition;

import java.util.List;

/**
 * One-to-many rows of a parent (the root or another child) embedded as an array (the lines of an order, the
 * tracks of an album), or only aggregated ({@code field == null}: the orders of a customer).
 *
 * @param field the array field, or {@code null} when the rows are only aggregated
 * @param table the child table
 * @param key the child table's primary-key column
 * @param parentKey the child's column that references its parent row's key
 * @param orderBy the column that orders the array (ties broken by key)
 * @param descending whether the array is ordered from the largest {@code orderBy}
 * @param fields the columns copied into each element
 * @param lookups lookups made from each child row
 * @param children the child's own children (nested arrays)
 */
public record ChildDefinition(String field, String table, String key, String parentKey, String orderBy,
        boolean descending, List<FieldMapping> fields, List<LookupDefinition> lookups, List<ChildDefinition> children) {

    public ChildDefinition {
        orderBy = orderBy == null ? key : orderBy;
        fields = List.copyOf(fields);
        lookups = List.copyOf(lookups);
        children = List.copyOf(children);
    }

    /** An embedded child without nested children, ordered ascending. */
    public static ChildDefinition embedded(String field, String table, String key, String parentKey, String orderBy,
            List<FieldMapping> fields, List<LookupDefinition> lookups) {
        return new ChildDefinition(field, table, key, parentKey, orderBy, false, fields, lookups, List.of());
    }

    /** Whether the rows appear in the document as an array. */
    public boolean isEmbedded() {
        return field != null;
    }
}
