package io.readmodel.core.document;

import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
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
import java.util.Objects;
import java.util.Set;

/** Derives a document's client view from its components: a pure function of the definition and the components. */
public final class DocumentRenderer {

    private final ProjectionDefinition definition;

    /** A renderer for one projection. */
    public DocumentRenderer(ProjectionDefinition definition) {
        this.definition = definition;
    }

    /** Renders a document. */
    public RenderedDocument render(DocumentState document) {
        Set<RowKey> lookups = new LinkedHashSet<>();
        RowVersion root = document.component(RowKey.of(definition.rootTable(), document.id()));
        boolean live = root != null && !root.isTombstone();
        Map<String, Object> view = new LinkedHashMap<>();
        if (live) {
            copyFields(root.values(), definition.fields(), view);
            definition.lookups().forEach(lookup -> renderLookup(lookup, root.values(), document, view, lookups));
            for (ChildDefinition child : definition.children()) {
                view.put(child.field(), renderChildren(child, document, lookups));
            }
        }
        Set<RowKey> references = new LinkedHashSet<>(document.components().keySet());
        references.addAll(lookups);
        Position position = Position.ZERO;
        Instant commitTime = null;
        for (RowVersion version : document.components().values()) {
            position = Position.max(position, version.position());
            if (commitTime == null || (version.commitTime() != null && version.commitTime().isAfter(commitTime))) {
                commitTime = version.commitTime();
            }
        }
        return new RenderedDocument(live, view, references, lookups, position, commitTime);
    }

    private List<Map<String, Object>> renderChildren(ChildDefinition child, DocumentState document, Set<RowKey> lookups) {
        String parentKey = String.valueOf(document.id());
        List<Map<String, Object>> rows = new ArrayList<>();
        document.components().forEach((row, version) -> {
            if (row.table().equals(child.table()) && !version.isTombstone()
                    && parentKey.equals(String.valueOf(version.values().get(child.parentKey())))) {
                rows.add(version.values());
            }
        });
        rows.sort(Comparator.comparing((Map<String, Object> row) -> row.get(child.orderBy()), DocumentRenderer::compareValues)
                .thenComparing(row -> row.get(child.key()), DocumentRenderer::compareValues));
        List<Map<String, Object>> elements = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Map<String, Object> element = new LinkedHashMap<>();
            copyFields(row, child.fields(), element);
            child.lookups().forEach(lookup -> renderLookup(lookup, row, document, element, lookups));
            elements.add(element);
        }
        return elements;
    }

    private void renderLookup(LookupDefinition lookup, Map<String, Object> referring, DocumentState document,
            Map<String, Object> target, Set<RowKey> lookups) {
        Object foreignKey = referring.get(lookup.foreignKey());
        Map<String, Object> into = lookup.field() == null ? target : new LinkedHashMap<>();
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
        Map<String, Object> values = version == null || version.isTombstone()
                ? Map.of(lookup.key(), foreignKey) : version.values();
        copyFields(values, lookup.fields(), into);
        lookup.lookups().forEach(nested -> renderLookup(nested, values, document, into, lookups));
        if (lookup.field() != null) {
            target.put(lookup.field(), into);
        }
    }

    private static void copyFields(Map<String, Object> row, List<FieldMapping> fields, Map<String, Object> target) {
        for (FieldMapping field : fields) {
            target.put(field.field(), row.get(field.column()));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (Objects.equals(a, b)) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        if (a instanceof Number x && b instanceof Number y && !(a instanceof java.math.BigDecimal)) {
            return Long.compare(x.longValue(), y.longValue());
        }
        if (a instanceof Comparable comparable && a.getClass().equals(b.getClass())) {
            return comparable.compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
}
