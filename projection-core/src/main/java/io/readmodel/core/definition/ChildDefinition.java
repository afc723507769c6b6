package io.readmodel.core.definition;

import java.util.List;

/**
 * One-to-many rows embedded in the root document as an array (the lines of an order).
 *
 * @param field the array field
 * @param table the child table
 * @param key the child table's primary-key column
 * @param parentKey the child's column that references the root row's key
 * @param orderBy the column that orders the array (ties broken by key)
 * @param fields the columns copied into each element
 * @param lookups lookups made from each child row
 */
public record ChildDefinition(String field, String table, String key, String parentKey, String orderBy,
        List<FieldMapping> fields, List<LookupDefinition> lookups) {

    public ChildDefinition {
        fields = List.copyOf(fields);
        lookups = List.copyOf(lookups);
    }
}
