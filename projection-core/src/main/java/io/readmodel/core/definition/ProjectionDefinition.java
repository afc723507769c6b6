package io.readmodel.core.definition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A declared read model: one document per row of a root table that passes the filter, with children embedded
 * (or aggregated), lookups copied in and aggregates computed.
 *
 * @param name the projection's name; also its MongoDB collection's and its checkpoint's
 * @param rootTable the table whose rows become documents
 * @param rootKey the root table's primary-key column; its value becomes the document's {@code _id}
 * @param fields root columns copied into the document
 * @param lookups many-to-one references copied into the document
 * @param children one-to-many rows embedded as arrays or only aggregated
 * @param aggregates values computed over children
 * @param filter which root rows become documents
 */
public record ProjectionDefinition(String name, String rootTable, String rootKey, List<FieldMapping> fields,
        List<LookupDefinition> lookups, List<ChildDefinition> children, List<AggregateDefinition> aggregates,
        RowFilter filter) {

    public ProjectionDefinition {
        fields = List.copyOf(fields);
        lookups = List.copyOf(lookups);
        children = List.copyOf(children);
        aggregates = aggregates == null ? List.of() : List.copyOf(aggregates);
        filter = filter == null ? RowFilter.ALL : filter;
    }

    /** A child table at any depth, with the table of its parent. */
    public record ChildPlacement(ChildDefinition child, String parentTable, int depth) {
    }

    /** Every table whose changes this projection consumes. */
    public Set<String> tables() {
        Set<String> tables = new LinkedHashSet<>();
        tables.add(rootTable);
        childPlacements().forEach(placement -> tables.add(placement.child().table()));
        tables.addAll(lookupTables());
        return tables;
    }

    /** Every child table at any depth, parents before their children. */
    public List<ChildPlacement> childPlacements() {
        List<ChildPlacement> placements = new ArrayList<>();
        addChildren(children, rootTable, 1, placements);
        return placements;
    }

    /** Where a child table sits, if it is one. */
    public Optional<ChildPlacement> childPlacement(String table) {
        return childPlacements().stream().filter(placement -> placement.child().table().equals(table)).findFirst();
    }

    /** Whether rows of {@code table} are children (at any depth). */
    public boolean isChildTable(String table) {
        return childPlacement(table).isPresent();
    }

    /**
     * Whether rows of {@code table} are aggregated only: a first-level child that is not embedded and has no
     * children or lookups of its own (the orders of a customer). Such rows are kept in the document apart from
     * the other components and loaded only when a change touches them; the aggregates over them are folded in
     * as they change, so a change costs the same however many rows the document aggregates.
     */
    public boolean isDetachedChild(String table) {
        for (ChildDefinition child : children) {
            if (child.table().equals(table)) {
                return !child.isEmbedded() && child.children().isEmpty() && child.lookups().isEmpty()
                        && !table.equals(rootTable) && !isLookupTable(table);
            }
        }
        return false;
    }

    /** Whether rows of {@code table} are looked up (at any depth). */
    public boolean isLookupTable(String table) {
        return lookupTables().contains(table);
    }

    /** Every looked-up table at any depth. */
    public Set<String> lookupTables() {
        Set<String> tables = new LinkedHashSet<>();
        lookups.forEach(lookup -> addLookupTables(lookup, tables));
        childPlacements().forEach(placement -> placement.child().lookups().forEach(lookup -> addLookupTables(lookup, tables)));
        return tables;
    }

    /** Every column of a looked-up table that some lookup on it reads (copied fields, its key, nested foreign keys). */
    public Set<String> lookupColumns(String table) {
        Set<String> columns = new LinkedHashSet<>();
        List<LookupDefinition> all = new ArrayList<>();
        lookups.forEach(lookup -> collectLookups(lookup, all));
        childPlacements().forEach(placement -> placement.child().lookups().forEach(lookup -> collectLookups(lookup, all)));
        for (LookupDefinition lookup : all) {
            if (lookup.table().equals(table)) {
                columns.add(lookup.key());
                lookup.fields().forEach(field -> columns.add(field.column()));
                lookup.lookups().forEach(nested -> columns.add(nested.foreignKey()));
            }
        }
        return columns;
    }

    private static void collectLookups(LookupDefinition lookup, List<LookupDefinition> into) {
        into.add(lookup);
        lookup.lookups().forEach(nested -> collectLookups(nested, into));
    }

    /** The children of a table (the root or a child) in this projection. */
    public List<ChildDefinition> childrenOf(String table) {
        if (table.equals(rootTable)) {
            return children;
        }
        return childPlacement(table).map(placement -> placement.child().children()).orElse(List.of());
    }

    private static void addChildren(List<ChildDefinition> children, String parent, int depth, List<ChildPlacement> into) {
        for (ChildDefinition child : children) {
            into.add(new ChildPlacement(child, parent, depth));
            addChildren(child.children(), child.table(), depth + 1, into);
        }
    }

    private static void addLookupTables(LookupDefinition lookup, Set<String> tables) {
        tables.add(lookup.table());
        lookup.lookups().forEach(nested -> addLookupTables(nested, tables));
    }
}
