package io.readmodel.core.document;

import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
import io.readmodel.core.definition.AggregateDefinition;
import io.readmodel.core.definition.ChildDefinition;
import io.readmodel.core.definition.FieldMapping;
import io.readmodel.core.definition.LookupDefinition;
import io.readmodel.core.definition.ProjectionDefinition;
import io.readmodel.core.position.Position;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Derives a document's client view from its components: a pure function of the definition and the components. */
public final class DocumentRenderer {

    private final ProjectionDefinition definition;
    private final Set<String> detachedTables = new LinkedHashSet<>();

    /** A renderer for one projection. */
    public DocumentRenderer(ProjectionDefinition definition) {
        this.definition = definition;
        definition.children().stream().map(ChildDefinition::table).filter(definition::isDetachedChild).forEach(detachedTables::add);
    }


    /** Renders a document. */
    public RenderedDocument render(DocumentState document) {
        Set<RowKey> lookups = new LinkedHashSet<>();
        RowVersion root = document.component(RowKey.of(definition.rootTable(), document.id()));
        boolean live = root != null && !root.isTombstone() && definition.filter().matches(root.values());
        Map<String, Object> view = new LinkedHashMap<>();
        if (live) {
            renderRow(root.values(), definition.fields(), definition.lookups(), definition.children(), definition.rootKey(),
                    document, view, lookups);
            for (AggregateDefinition aggregate : definition.aggregates()) {
                view.put(aggregate.field(), Aggregates.value(aggregate, accumulator(aggregate, root, document)));
            }
        }
        Set<RowKey> references = new LinkedHashSet<>(document.components().keySet());
        references.addAll(lookups);
        Position position = document.storedPosition();
        Instant commitTime = document.storedCommitTime();
        for (Map<RowKey, RowVersion> versions : List.of(document.components(), document.touchedDetached())) {
            for (RowVersion version : versions.values()) {
                position = Position.max(position, version.position());
                if (commitTime == null || (version.commitTime() != null && version.commitTime().isAfter(commitTime))) {
                    commitTime = version.commitTime();
                }
            }
        }
        return new RenderedDocument(live, view, references, lookups, position, commitTime);
    }

    /** Over detached rows the running state; over embedded ones, folded from the components. */
    private Accumulator accumulator(AggregateDefinition aggregate, RowVersion root, DocumentState document) {
        if (detachedTables.contains(aggregate.table())) {
            return document.aggregate(aggregate.field());
        }
        ChildDefinition child = definition.children().stream()
                .filter(candidate -> candidate.table().equals(aggregate.table())).findFirst().orElseThrow();
        return Aggregates.compute(aggregate, childRows(child, root.values().get(definition.rootKey()), document), child.key());
    }

    private void renderRow(Map<String, Object> row, List<FieldMapping> fields, List<LookupDefinition> rowLookups,
            List<ChildDefinition> children, String keyColumn, DocumentState document, Map<String, Object> into,
            Set<RowKey> lookups) {
        FieldValues.copy(row, fields, into);
        rowLookups.forEach(lookup -> renderLookup(lookup, row, document, into, lookups));
        for (ChildDefinition child : children) {
            if (!child.isEmbedded()) {
                continue;
            }
            List<Map<String, Object>> elements = new ArrayList<>();
            for (Map<String, Object> childRow : childRows(child, row.get(keyColumn), document)) {
                Map<String, Object> element = new LinkedHashMap<>();
                renderRow(childRow, child.fields(), child.lookups(), child.children(), child.key(), document, element, lookups);
                elements.add(element);
            }
            into.put(child.field(), elements);
        }
    }

    /** The live rows of a child table whose parent column holds {@code parentKey}, in the child's order. */
    private static List<Map<String, Object>> childRows(ChildDefinition child, Object parentKey, DocumentState document) {
        String parent = String.valueOf(parentKey);
        List<Map<String, Object>> rows = new ArrayList<>();
        document.components().forEach((row, version) -> {
            if (row.table().equals(child.table()) && !version.isTombstone()
                    && parent.equals(String.valueOf(version.values().get(child.parentKey())))) {
                rows.add(version.values());
            }
        });
        Comparator<Map<String, Object>> order = Comparator
                .comparing((Map<String, Object> row) -> row.get(child.orderBy()), Values::compare)
                .thenComparing(row -> row.get(child.key()), Values::compare);
        rows.sort(child.descending() ? order.reversed() : order);
        return rows;
    }

    private void renderLookup(LookupDefinition lookup, Map<String, Object> referring, DocumentState document,
            Map<String, Object> target, Set<RowKey> lookups) {
        Object foreignKey = referring.get(lookup.foreignKey());
        if (foreignKey == null) {
            if (lookup.field() != null) {
                target.put(lookup.field(), null);
            } else {
                lookup.fields().forEach(field -> target.put(field.field(), null));
            }
            return;
        }
        RowKey key = RowKey.of(lookup.table(), foreignKey);
        lookups.add(key);
        RowVersion version = document.component(key);
        Map<String, Object> values = version == null || version.isTombstone() ? Map.of(lookup.key(), foreignKey) : version.values();
        Map<String, Object> into = lookup.field() == null ? target : new LinkedHashMap<>();
        FieldValues.copy(values, lookup.fields(), into);
        lookup.lookups().forEach(nested -> renderLookup(nested, values, document, into, lookups));
        if (lookup.field() != null) {
            target.put(lookup.field(), into);
        }
    }
}
