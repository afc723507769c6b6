package io.readmodel.core.engine;

import io.readmodel.core.change.RowChange;
import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
import io.readmodel.core.definition.ProjectionDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a batch of row changes, in commit order, into row versions and document writes for every projection.
 * Every merge is guarded by position, so projecting a batch again, or any suffix of the stream, changes nothing.
 * No I/O of its own: it reads through a {@link RowStore} and {@link DocumentStore}s.
 */
public final class ChangeProjector {

    private final List<ProjectionDefinition> definitions;

    /** A projector for these projections. */
    public ChangeProjector(List<ProjectionDefinition> definitions) {
        this.definitions = List.copyOf(definitions);
    }

    /** The projections it feeds. */
    public List<ProjectionDefinition> definitions() {
        return definitions;
    }

    /**
     * Every table any projection consumes, looked-up tables and parents before the tables that refer to them
     * (where they do not refer to each other in a cycle). The initial snapshot reads tables in this order, so a
     * looked-up row arrives before the documents that show it exist and its fan-out finds nothing to update.
     */
    public Set<String> tables() {
        Map<String, Set<String>> before = new LinkedHashMap<>();
        for (ProjectionDefinition definition : definitions) {
            definition.tables().forEach(table -> before.computeIfAbsent(table, key -> new LinkedHashSet<>()));
            definition.lookups().forEach(lookup -> addLookupEdges(lookup, definition.rootTable(), before));
            definition.childPlacements().forEach(placement -> {
                before.get(placement.child().table()).add(placement.parentTable());
                placement.child().lookups().forEach(lookup -> addLookupEdges(lookup, placement.child().table(), before));
            });
        }
        Set<String> ordered = new LinkedHashSet<>();
        boolean progressed = true;
        while (progressed && ordered.size() < before.size()) {
            progressed = false;
            for (Map.Entry<String, Set<String>> table : before.entrySet()) {
                if (!ordered.contains(table.getKey()) && ordered.containsAll(table.getValue())) {
                    ordered.add(table.getKey());
                    progressed = true;
                }
            }
        }
        ordered.addAll(before.keySet()); // tables in a cycle keep their declared order
        return ordered;
    }

    private static void addLookupEdges(io.readmodel.core.definition.LookupDefinition lookup, String referring,
            Map<String, Set<String>> before) {
        before.computeIfAbsent(referring, key -> new LinkedHashSet<>()).add(lookup.table());
        lookup.lookups().forEach(nested -> addLookupEdges(nested, lookup.table(), before));
    }

    /**
     * Projects a batch.
     *
     * @param changes row changes in commit order
     * @param rows the row store
     * @param documents each projection's document store, by projection name
     */
    public ProjectedBatch project(List<RowChange> changes, RowStore rows, Function<String, DocumentStore> documents) {
        Map<RowKey, RowVersion> knownRows = new HashMap<>(rows.load(changes.stream().map(RowChange::row).distinct().toList()));
        Map<RowKey, RowVersion> rowWrites = new LinkedHashMap<>();
        List<ResolvedChange> resolved = new ArrayList<>(changes.size());
        for (RowChange change : changes) {
            RowVersion previous = knownRows.get(change.row());
            RowVersion version = toVersion(change, previous);
            if (version.supersedes(previous)) {
                knownRows.put(change.row(), version);
                rowWrites.put(change.row(), version);
            }
            resolved.add(new ResolvedChange(change.row(), change.operation(), version, previous));
        }
        RowSource rowSource = new RowSource(knownRows, rows);
        Map<String, List<ProjectedBatch.DocumentWrite>> documentWrites = new LinkedHashMap<>();
        for (ProjectionDefinition definition : definitions) {
            Set<String> tables = definition.tables();
            List<ResolvedChange> relevant = resolved.stream().filter(change -> tables.contains(change.row().table())).toList();
            if (!relevant.isEmpty()) {
                documentWrites.put(definition.name(),
                        new ProjectionBatch(definition, documents.apply(definition.name()), rowSource).apply(relevant));
            }
        }
        return new ProjectedBatch(rowWrites, documentWrites);
    }

    /** The version a change writes; columns the log left out are taken from the previous version. */
    static RowVersion toVersion(RowChange change, RowVersion previous) {
        if (change.isDelete()) {
            return new RowVersion(change.position(), null, change.commitTime());
        }
        Map<String, Object> values = new LinkedHashMap<>(change.values());
        if (!change.unavailableColumns().isEmpty() && previous != null && !previous.isTombstone()) {
            for (String column : change.unavailableColumns()) {
                if (previous.values().containsKey(column)) {
                    values.put(column, previous.values().get(column));
                }
            }
        }
        return new RowVersion(change.position(), values, change.commitTime());
    }

    /**
     * A change with the version it writes and the version of its row just before it (from the row store and the
     * batch's earlier changes), or {@code null} for a row never seen.
     */
    record ResolvedChange(RowKey row, RowChange.Operation operation, RowVersion version, RowVersion previous) {
    }

    /** Row versions as of the end of the batch: the batch's own first, then the store. */
    static final class RowSource {
        private final Map<RowKey, RowVersion> known;
        private final RowStore store;

        RowSource(Map<RowKey, RowVersion> known, RowStore store) {
            this.known = known;
            this.store = store;
        }

        Map<RowKey, RowVersion> load(Set<RowKey> keys) {
            Map<RowKey, RowVersion> found = new HashMap<>();
            List<RowKey> missing = new ArrayList<>();
            for (RowKey key : keys) {
                RowVersion version = known.get(key);
                if (version != null) {
                    found.put(key, version);
                } else {
                    missing.add(key);
                }
            }
            if (!missing.isEmpty()) {
                Map<RowKey, RowVersion> stored = store.load(missing);
                known.putAll(stored);
                found.putAll(stored);
            }
            return found;
        }

        /** Live rows of a table whose parent column holds one of the keys, as of the end of the batch. */
        Map<RowKey, RowVersion> loadChildren(String table, String parentKeyColumn, Collection<Object> parentKeys) {
            Set<String> wanted = new LinkedHashSet<>();
            parentKeys.forEach(key -> wanted.add(String.valueOf(key)));
            Map<RowKey, RowVersion> found = new LinkedHashMap<>();
            store.loadChildren(table, parentKeyColumn, parentKeys).forEach((row, version) -> {
                known.putIfAbsent(row, version);
                found.put(row, known.get(row));
            });
            known.forEach((row, version) -> {
                if (row.table().equals(table)) {
                    found.put(row, version);
                }
            });
            found.values().removeIf(version -> version.isTombstone()
                    || !wanted.contains(String.valueOf(version.values().get(parentKeyColumn))));
            return found;
        }
    }
}
