package io.readmodel.core.definition;

import java.util.List;

/**
 * A many-to-one reference copied into the referring object (the customer of an order, the product of a line).
 * When the referenced row changes, every document showing it changes too.
 *
 * @param field the object field the looked-up values go under, or {@code null} to copy them into the referring
 *     object itself
 * @param table the referenced table
 * @param key the referenced table's primary-key column
 * @param foreignKey the referring row's column holding the referenced key
 * @param fields the columns copied
 * @param lookups lookups made from the referenced row (lookups of lookups)
 */
public record LookupDefinition(String field, String table, String key, String foreignKey, List<FieldMapping> fields,
        List<LookupDefinition> lookups) {

    public LookupDefinition {
        fields = List.copyOf(fields);
        lookups = List.copyOf(lookups);
    }
}
