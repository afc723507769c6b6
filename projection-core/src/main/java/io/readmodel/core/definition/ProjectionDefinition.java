package io.readmodel.core.definition;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A declared read model: one document per row of a root table, with children embedded and lookups copied in.
 *
 * @param name the projection's name; also its MongoDB collection's and its checkpoint's
 * @param rootTable the table whose rows become documents
 * @param rootKey the root table's primary-key column; its value becomes the document's {@code _id}
 * @param fields root columns copied into the document
 * @param lookups many-to-one references copied into the document
 * @param children one-to-many rows embedded as arrays
 */
public record ProjectionDefinition(String name, String rootTable, String rootKey, List<FieldMapping> fields,
        List<LookupDefinition> lookups, List<ChildDefinition> children) {

    public ProjectionDefinition {
        fields = List.copyOf(fields);
        lookups = List.copyOf(lookups);
        children = List.copyOf(children);
    }

    /** Every table whose changes this projection consumes. */
    public Set<String> tables() {
        Set<String> tables = new LinkedHashSet<>();
        tables.add(rootTable);
        lookups.forEach(lookup -> addLookupTables(lookup, tables));
        for (ChildDefinition child : children) {
            tables.add(child.table());
            child.lookups().forEach(lookup -> addLookupTables(lookup, tables));
        }
        return tables;
    }

    /** Whether rows of {@code table} are embedded as children. */
    public boolean isChildTable(String table) {
        return children.stream().anyMatch(child -> child.table().equals(table));
    }

    /** Whether rows of {@code table} are looked up (at any depth). */
    public boolean isLookupTable(String table) {
        Set<String> lookupTables = new LinkedHashSet<>();
        lookups.forEach(lookup -> addLookupTables(lookup, lookupTables));
        children.forEach(child -> child.lookups().forEach(lookup -> addLookupTables(lookup, lookupTables)));
        return lookupTables.contains(table);
    }

    /** The child definition for {@code table}. */
    public ChildDefinition child(String table) {
        return children.stream().filter(child -> child.table().equals(table)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(table + " is not a child of " + name));
    }

    private static void addLookupTables(LookupDefinition lookup, Set<String> tables) {
        tables.add(lookup.table());
        lookup.lookups().forEach(nested -> addLookupTables(nested, tables));
    }
}
