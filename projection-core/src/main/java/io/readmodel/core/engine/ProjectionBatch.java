package io.readmodel.core.engine;

import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
import io.readmodel.core.definition.AggregateDefinition;
import io.readmodel.core.definition.ChildDefinition;
import io.readmodel.core.definition.ProjectionDefinition;
import io.readmodel.core.definition.ProjectionDefinition.ChildPlacement;
import io.readmodel.core.document.Accumulator;
import io.readmodel.core.document.Aggregates;
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
import java.util.Optional;
import java.util.Set;

/**
 * One projection's share of a batch: loads the documents the changes touch, merges each change into them,
 * gathers nested children and looked-up rows the documents now need, and drops components they no longer use.
 */
final class ProjectionBatch {

    /** Lookups of lookups and nested children are followed this deep at most. */
    private static final int MAX_DEPTH = 8;

    private final ProjectionDefinition definition;
    private final DocumentStore store;
    private final RowSource rows;
    private final DocumentRenderer renderer;
    private final Map<Object, DocumentState> working = new LinkedHashMap<>();
    private final Map<RowKey, Set<Object>> holders = new HashMap<>();
    private final Set<Pull> pulls = new LinkedHashSet<>();
    private final Map<String, Set<String>> lookupColumns = new HashMap<>();
    private final Set<String> detachedTables = new HashSet<>();
    private final Set<String> lookupTables;
    private final Map<String, ChildPlacement> placements = new HashMap<>();
    private final Map<Object, Rendering> renderings = new HashMap<>();
    private final Map<Object, Set<RowKey>> detachedWanted = new HashMap<>();
    private final Set<Object> recompute = new LinkedHashSet<>();

    /** A document's rendering and how many modifications of it it reflects. */
    private record Rendering(long modifications, RenderedDocument rendered) {
    }

    /** The stored children of a nested parent row to gather into a document. */
    private record Pull(Object documentId, RowKey parentRow, ChildDefinition child, Object parentKey) {
    }

    ProjectionBatch(ProjectionDefinition definition, DocumentStore store, RowSource rows) {
        this.definition = definition;
        this.store = store;
        this.rows = rows;
        this.renderer = new DocumentRenderer(definition);
        definition.children().stream().map(ChildDefinition::table).filter(definition::isDetachedChild).forEach(detachedTables::add);
        this.lookupTables = definition.lookupTables();
        definition.childPlacements().forEach(placement -> placements.putIfAbsent(placement.child().table(), placement));
    }

    private Optional<ChildPlacement> placementOf(String table) {
        return Optional.ofNullable(placements.get(table));
    }

    private boolean isLookupTable(String table) {
        return lookupTables.contains(table);
    }

    /** Renders a document once per state: the lookup passes render every document more than once. */
    private RenderedDocument render(DocumentState document) {
        Rendering cached = renderings.get(document.id());
        if (cached == null || cached.modifications() != document.modifications()) {
            cached = new Rendering(document.modifications(), renderer.render(document));
            renderings.put(document.id(), cached);
        }
        return cached.rendered();
    }

    List<ProjectedBatch.DocumentWrite> apply(List<ResolvedChange> all) {
        List<ResolvedChange> changes = all.stream().filter(this::isVisible).toList();
        load(changes);
        for (ResolvedChange change : changes) {
            String table = change.row().table();
            if (table.equals(definition.rootTable())) {
                merge(DocumentIds.fromKey(change.row().key()), change.row(), change.version());
            }
            placementOf(table).ifPresent(placement -> applyChild(placement, change));
            if (isLookupTable(table)) {
                for (Object id : List.copyOf(holders.getOrDefault(change.row(), Set.of()))) {
                    merge(id, change.row(), change.version());
                }
            }
        }
        recomputeAggregates();
        gatherNestedChildren();
        fillLookups();
        List<ProjectedBatch.DocumentWrite> writes = new ArrayList<>();
        for (DocumentState document : working.values()) {
            if (document.isChanged()) {
                writes.add(new ProjectedBatch.DocumentWrite(document, render(document)));
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
            Optional<ChildPlacement> placement = placementOf(table);
            if (placement.isPresent()) {
                ChildDefinition child = placement.get().child();
                Object parentKey = parentKeyOf(child, change.version());
                if (parentKey != null && placement.get().depth() == 1) {
                    ids.add(DocumentIds.fromValue(parentKey));
                    wantDetached(DocumentIds.fromValue(parentKey), change.row());
                } else if (parentKey != null) {
                    referenced.add(RowKey.of(placement.get().parentTable(), parentKey));
                }
                addPreviousHolders(change, placement.get(), ids, referenced);
            }
            if (isLookupTable(table)) {
                referenced.add(change.row());
            }
        }
        if (!referenced.isEmpty()) {
            store.loadReferencing(referenced).forEach(this::track);
        }
        // a document already loaded by reference is loaded again by id when it needs detached components
        ids.removeIf(id -> working.containsKey(id) && !detachedWanted.containsKey(id));
        if (!ids.isEmpty()) {
            store.loadByIds(ids, detachedWanted).forEach(this::track);
        }
    }

    private void wantDetached(Object documentId, RowKey row) {
        if (detachedTables.contains(row.table())) {
            detachedWanted.computeIfAbsent(documentId, id -> new HashSet<>()).add(row);
        }
    }

    /**
     * Where the row was before this change, so that it can leave that document. A first-level child is held by
     * its previous parent's document, found by id; a row never seen before is held by none (no query at all);
     * otherwise the documents that reference the row are asked for.
     */
    private void addPreviousHolders(ResolvedChange change, ChildPlacement placement, Set<Object> ids, Set<RowKey> referenced) {
        RowVersion previous = change.previous();
        boolean neverSeen = previous == null
                && (change.operation() == io.readmodel.core.change.RowChange.Operation.CREATE
                || change.operation() == io.readmodel.core.change.RowChange.Operation.READ);
        if (neverSeen) {
            return;
        }
        Object previousParent = previous == null ? null : parentKeyOf(placement.child(), previous);
        if (placement.depth() == 1 && previousParent != null) {
            ids.add(DocumentIds.fromValue(previousParent));
            wantDetached(DocumentIds.fromValue(previousParent), change.row());
        } else if (detachedTables.contains(change.row().table())) {
            // detached rows are not references: without a previous parent, no stored document holds the row
            return;
        } else if (previous == null || !previous.isTombstone()) {
            referenced.add(change.row());
        }
    }

    /**
     * Whether a change can alter what this projection shows. An update of a looked-up row that leaves every
     * column the projection reads unchanged (a product's stock, when orders show its name) changes no document:
     * skipping it spares a fan-out to every document showing the row.
     */
    private boolean isVisible(ResolvedChange change) {
        String table = change.row().table();
        if (!isLookupTable(table) || table.equals(definition.rootTable()) || placements.containsKey(table)) {
            return true;
        }
        RowVersion previous = change.previous();
        if (previous == null || previous.isTombstone() || change.version().isTombstone()) {
            return true;
        }
        for (String column : lookupColumns.computeIfAbsent(table, definition::lookupColumns)) {
            if (!java.util.Objects.equals(previous.values().get(column), change.version().values().get(column))) {
                return true;
            }
        }
        return false;
    }

    private void applyChild(ChildPlacement placement, ResolvedChange change) {
        Object parentKey = parentKeyOf(placement.child(), change.version());
        Set<Object> targets = new HashSet<>();
        if (parentKey != null) {
            if (placement.depth() == 1) {
                targets.add(DocumentIds.fromValue(parentKey));
            } else {
                RowKey parentRow = RowKey.of(placement.parentTable(), parentKey);
                for (Object holder : holders.getOrDefault(parentRow, Set.of())) {
                    if (isLive(working.get(holder), parentRow)) {
                        targets.add(holder);
                    }
                }
            }
        }
        RowVersion tombstone = new RowVersion(change.version().position(), null, change.version().commitTime());
        for (Object holder : List.copyOf(holders.getOrDefault(change.row(), Set.of()))) {
            if (!targets.contains(holder)) {
                // the row left this document (moved or deleted): a versioned tombstone keeps a late update out
                merge(holder, change.row(), tombstone);
            }
        }
        for (Object target : targets) {
            merge(target, change.row(), change.version());
        }
    }

    private static boolean isLive(DocumentState document, RowKey row) {
        RowVersion version = document.component(row);
        return version != null && !version.isTombstone();
    }

    private static Object parentKeyOf(ChildDefinition child, RowVersion version) {
        return version.isTombstone() ? null : version.values().get(child.parentKey());
    }

    private void merge(Object id, RowKey row, RowVersion version) {
        DocumentState document = working.computeIfAbsent(id, DocumentState::empty);
        if (detachedTables.contains(row.table())) {
            mergeDetached(document, row, version);
            return;
        }
        RowVersion before = document.component(row);
        if (!document.merge(row, version)) {
            return;
        }
        afterChange(document, row, before, version);
    }

    /** Merges a detached row and folds its change into the aggregates over its table. */
    private void mergeDetached(DocumentState document, RowKey row, RowVersion version) {
        RowVersion before = document.detachedComponent(row);
        if (!document.mergeDetached(row, version)) {
            return;
        }
        holders.computeIfAbsent(row, key -> new HashSet<>()).add(document.id());
        String keyColumn = placementOf(row.table()).orElseThrow().child().key();
        for (AggregateDefinition aggregate : definition.aggregates()) {
            if (aggregate.table().equals(row.table())) {
                Optional<Accumulator> folded = Aggregates.fold(aggregate, document.aggregate(aggregate.field()), keyColumn,
                        before == null ? null : before.values(), version.values());
                if (folded.isPresent()) {
                    document.setAggregate(aggregate.field(), folded.get());
                } else {
                    recompute.add(document.id());
                }
            }
        }
    }

    /**
     * Recomputes, from all their detached components, the aggregates of documents where a row lost an extreme
     * (the stored components are loaded; the ones this batch merged win).
     */
    private void recomputeAggregates() {
        if (recompute.isEmpty()) {
            return;
        }
        store.loadDetached(recompute).forEach((id, stored) -> working.get(id).addStoredDetached(stored));
        for (Object id : recompute) {
            DocumentState document = working.get(id);
            for (AggregateDefinition aggregate : definition.aggregates()) {
                if (detachedTables.contains(aggregate.table())) {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    document.detached().forEach((row, version) -> {
                        if (row.table().equals(aggregate.table()) && !version.isTombstone()) {
                            rows.add(version.values());
                        }
                    });
                    String keyColumn = placementOf(aggregate.table()).orElseThrow().child().key();
                    document.setAggregate(aggregate.field(), Aggregates.compute(aggregate, rows, keyColumn));
                }
            }
        }
    }

    /** Keeps the holder index and the nested children of a row in step with its new version in a document. */
    private void afterChange(DocumentState document, RowKey row, RowVersion before, RowVersion version) {
        holders.computeIfAbsent(row, key -> new HashSet<>()).add(document.id());
        List<ChildDefinition> nested = nestedChildrenOf(row.table());
        if (nested.isEmpty()) {
            return;
        }
        boolean wasLive = before != null && !before.isTombstone();
        String keyColumn = keyColumnOf(row.table());
        if (!version.isTombstone() && (!wasLive || !sameValue(before, version, keyColumn))) {
            Object key = version.values().get(keyColumn);
            nested.forEach(child -> pulls.add(new Pull(document.id(), row, child, key)));
        }
        if (wasLive && version.isTombstone()) {
            forgetDescendants(document, row.table(), before.values().get(keyColumn));
        }
    }

    private static boolean sameValue(RowVersion before, RowVersion after, String column) {
        return String.valueOf(before.values().get(column)).equals(String.valueOf(after.values().get(column)));
    }

    /** Children of a child table (depth two and more) are gathered from the row store, not addressed by id. */
    private List<ChildDefinition> nestedChildrenOf(String table) {
        return table.equals(definition.rootTable()) ? List.of() : definition.childrenOf(table);
    }

    private String keyColumnOf(String table) {
        return table.equals(definition.rootTable()) ? definition.rootKey()
                : placementOf(table).orElseThrow().child().key();
    }

    /** A nested row left this document: its own children go too (they are gathered again if it comes back). */
    private void forgetDescendants(DocumentState document, String table, Object key) {
        for (ChildDefinition child : definition.childrenOf(table)) {
            for (Map.Entry<RowKey, RowVersion> component : List.copyOf(document.components().entrySet())) {
                RowVersion version = component.getValue();
                if (component.getKey().table().equals(child.table()) && !version.isTombstone()
                        && String.valueOf(version.values().get(child.parentKey())).equals(String.valueOf(key))) {
                    document.forget(component.getKey());
                    Set<Object> holding = holders.get(component.getKey());
                    if (holding != null) {
                        holding.remove(document.id());
                    }
                    forgetDescendants(document, child.table(), version.values().get(child.key()));
                }
            }
        }
    }

    private void track(DocumentState document) {
        working.put(document.id(), document);
        renderings.remove(document.id());
        document.components().keySet().forEach(row -> holders.computeIfAbsent(row, key -> new HashSet<>()).add(document.id()));
        document.detached().keySet().forEach(row -> holders.computeIfAbsent(row, key -> new HashSet<>()).add(document.id()));
    }

    /** Gathers the stored children of nested rows that arrived in a document (and are still there). */
    private void gatherNestedChildren() {
        for (int depth = 0; depth < MAX_DEPTH && !pulls.isEmpty(); depth++) {
            List<Pull> current = pulls.stream().filter(pull -> isLive(working.get(pull.documentId()), pull.parentRow())).toList();
            pulls.clear();
            Map<ChildDefinition, Set<Object>> keysByChild = new LinkedHashMap<>();
            current.forEach(pull -> keysByChild.computeIfAbsent(pull.child(), child -> new LinkedHashSet<>()).add(pull.parentKey()));
            Map<ChildDefinition, Map<RowKey, RowVersion>> found = new HashMap<>();
            keysByChild.forEach((child, keys) -> found.put(child, rows.loadChildren(child.table(), child.parentKey(), keys)));
            for (Pull pull : current) {
                DocumentState document = working.get(pull.documentId());
                found.get(pull.child()).forEach((row, version) -> {
                    if (String.valueOf(version.values().get(pull.child().parentKey())).equals(String.valueOf(pull.parentKey()))) {
                        RowVersion before = document.component(row);
                        if (document.adopt(row, version)) {
                            afterChange(document, row, before, version);
                        }
                    }
                });
            }
        }
    }

    /** Copies looked-up rows the documents show but do not hold yet; drops the ones they no longer show. */
    private void fillLookups() {
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            Map<Object, Set<RowKey>> missing = new LinkedHashMap<>();
            for (DocumentState document : working.values()) {
                for (RowKey lookup : render(document).lookups()) {
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
                forgetUnusedLookups(document, render(document));
            }
        }
    }

    private void forgetUnusedLookups(DocumentState document, RenderedDocument rendered) {
        for (RowKey row : List.copyOf(document.components().keySet())) {
            String table = row.table();
            boolean lookupOnly = isLookupTable(table) && !placements.containsKey(table)
                    && !table.equals(definition.rootTable());
            if (lookupOnly && !rendered.lookups().contains(row)) {
                document.forget(row);
            }
        }
    }
}
