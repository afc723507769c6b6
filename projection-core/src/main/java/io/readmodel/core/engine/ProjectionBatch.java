package io.readmodel.core.engine;

import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
import io.readmodel.core.definition.ChildDefinition;
import io.readmodel.core.definition.ProjectionDefinition;
import io.readmodel.core.document.DocumentRenderer;
import io.readmodel.core.document.DocumentState;
import io.readmodel.core.document.RenderedDocument;
import io.readmodel.core.engine.ChangeProjector.ResolvedChange;
import io.readmodel.core.engine.ChangeProjector.RowSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One projection's share of a batch: loads the documents the changes touch, merges, fills in lookups. */
final class ProjectionBatch {

    /** Lookups of lookups are followed this deep at most. */
    private static final int MAX_LOOKUP_DEPTH = 8;

    private final ProjectionDefinition definition;
    private final DocumentStore store;
    private final RowSource rows;
    private final DocumentRenderer renderer;
    private final Map<Object, DocumentState> working = new LinkedHashMap<>();
    private final Map<RowKey, Set<Object>> holders = new HashMap<>();

    ProjectionBatch(ProjectionDefinition definition, DocumentStore store, RowSource rows) {
        this.definition = definition;
        this.store = store;
        this.rows = rows;
        this.renderer = new DocumentRenderer(definition);
    }

    List<ProjectedBatch.DocumentWrite> apply(List<ResolvedChange> changes) {
        load(changes);
        for (ResolvedChange change : changes) {
            String table = change.row().table();
            if (table.equals(definition.rootTable())) {
                merge(DocumentIds.fromKey(change.row().key()), change.row(), change.version());
            }
            if (definition.isChildTable(table)) {
                applyChild(definition.childPlacement(table).orElseThrow().child(), change);
            }
            if (definition.isLookupTable(table)) {
                for (Object id : List.copyOf(holders.getOrDefault(change.row(), Set.of()))) {
                    merge(id, change.row(), change.version());
                }
            }
        }
        fillLookups();
        List<ProjectedBatch.DocumentWrite> writes = new ArrayList<>();
        for (DocumentState document : working.values()) {
            if (document.isChanged()) {
                writes.add(new ProjectedBatch.DocumentWrite(document, renderer.render(document)));
            }
        }
        return writes;
    }

    /** Loads every document a change may touch: by id, and by reference for children and lookups. */
    private void load(List<ResolvedChange> changes) {
        Set<Object> ids = new LinkedHashSet<>();
        Set<RowKey> referenced = new LinkedHashSet<>();
        for (ResolvedChange change : changes) {
            String table = change.row().table();
            if (table.equals(definition.rootTable())) {
                ids.add(DocumentIds.fromKey(change.row().key()));
            }
            if (definition.isChildTable(table)) {
                referenced.add(change.row());
                Object parent = parentOf(definition.childPlacement(table).orElseThrow().child(), change.version());
                if (parent != null) {
                    ids.add(parent);
                }
            }
            if (definition.isLookupTable(table)) {
                referenced.add(change.row());
            }
        }
        if (!referenced.isEmpty()) {
            store.loadReferencing(referenced).forEach(this::track);
        }
        ids.removeIf(working::containsKey);
        if (!ids.isEmpty()) {
            store.loadByIds(ids).forEach(this::track);
        }
    }

    private void applyChild(ChildDefinition child, ResolvedChange change) {
        Object parent = parentOf(child, change.version());
        for (Object holder : List.copyOf(holders.getOrDefault(change.row(), Set.of()))) {
            if (!holder.equals(parent)) {
                // the row left this parent (moved or deleted): a versioned tombstone keeps a late update out
                merge(holder, change.row(), new RowVersion(change.version().position(), null, change.version().commitTime()));
            }
        }
        if (parent != null) {
            merge(parent, change.row(), change.version());
        }
    }

    private static Object parentOf(ChildDefinition child, RowVersion version) {
        return version.isTombstone() ? null : DocumentIds.fromValue(version.values().get(child.parentKey()));
    }

    private void merge(Object id, RowKey row, RowVersion version) {
        DocumentState document = working.computeIfAbsent(id, DocumentState::empty);
        document.merge(row, version);
        holders.computeIfAbsent(row, key -> new HashSet<>()).add(id);
    }

    private void track(DocumentState document) {
        working.put(document.id(), document);
        document.components().keySet().forEach(row -> holders.computeIfAbsent(row, key -> new HashSet<>()).add(document.id()));
    }

    /** Copies looked-up rows the changed documents show but do not hold yet; drops the ones they no longer show. */
    private void fillLookups() {
        for (int depth = 0; depth < MAX_LOOKUP_DEPTH; depth++) {
            Map<Object, Set<RowKey>> missing = new LinkedHashMap<>();
            for (DocumentState document : working.values()) {
                for (RowKey lookup : renderer.render(document).lookups()) {
                    if (document.component(lookup) == null) {
                        missing.computeIfAbsent(document.id(), id -> new LinkedHashSet<>()).add(lookup);
                    }
                }
            }
            Set<RowKey> wanted = new LinkedHashSet<>();
            missing.values().forEach(wanted::addAll);
            Map<RowKey, RowVersion> found = wanted.isEmpty() ? Map.of() : rows.load(wanted);
            boolean progressed = false;
            for (Map.Entry<Object, Set<RowKey>> entry : missing.entrySet()) {
                for (RowKey lookup : entry.getValue()) {
                    RowVersion version = found.get(lookup);
                    if (version != null) {
                        progressed |= working.get(entry.getKey()).merge(lookup, version);
                    }
                }
            }
            if (!progressed) {
                break;
            }
        }
        for (DocumentState document : working.values()) {
            if (document.isChanged()) {
                forgetUnusedLookups(document, renderer.render(document));
            }
        }
    }

    private void forgetUnusedLookups(DocumentState document, RenderedDocument rendered) {
        for (RowKey row : List.copyOf(document.components().keySet())) {
            String table = row.table();
            boolean lookupOnly = definition.isLookupTable(table) && !definition.isChildTable(table)
                    && !table.equals(definition.rootTable());
            if (lookupOnly && !rendered.lookups().contains(row)) {
                document.forget(row);
            }
        }
    }
}
