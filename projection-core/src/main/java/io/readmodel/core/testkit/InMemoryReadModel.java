package io.readmodel.core.testkit;

import io.readmodel.core.change.RowChange;
import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
import io.readmodel.core.document.Accumulator;
import io.readmodel.core.document.DocumentState;
import io.readmodel.core.document.RenderedDocument;
import io.readmodel.core.engine.ChangeProjector;
import io.readmodel.core.engine.DocumentStore;
import io.readmodel.core.engine.ProjectedBatch;
import io.readmodel.core.engine.RowStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory row store and document store that apply what a {@link ChangeProjector} produces, the way the
 * bridge applies it to MongoDB. For tests of projections without any database.
 */
public final class InMemoryReadModel implements RowStore {

    private final ChangeProjector projector;
    private final Map<RowKey, RowVersion> rows = new HashMap<>();
    private final Map<String, Map<Object, Stored>> documents = new HashMap<>();

    /** A read model fed by this projector. */
    public InMemoryReadModel(ChangeProjector projector) {
        this.projector = projector;
    }

    /** Projects and applies a batch of changes. */
    public ProjectedBatch apply(List<RowChange> changes) {
        ProjectedBatch batch = projector.project(changes, this, this::documentStore);
        batch.documentWrites().forEach((projection, writes) -> {
            Map<Object, Stored> collection = documents.computeIfAbsent(projection, name -> new HashMap<>());
            for (ProjectedBatch.DocumentWrite write : writes) {
                DocumentState state = write.state();
                Stored before = collection.get(state.id());
                // detached components are stored apart, like the bridge's field-wise update: the touched ones are added
                Map<RowKey, RowVersion> detached = new LinkedHashMap<>(before == null ? Map.of() : before.detached());
                detached.putAll(state.touchedDetached());
                collection.put(state.id(), new Stored(state.id(), state.components(), detached, state.aggregates(),
                        state.revision() + 1, write.rendered()));
            }
        });
        batch.rowWrites().forEach(rows::put);
        return batch;
    }

    /** Applies changes one batch per change. */
    public void applyEach(List<RowChange> changes) {
        changes.forEach(change -> apply(List.of(change)));
    }

    /** The client view of a live document, or {@code null}. */
    public Map<String, Object> view(String projection, Object id) {
        Stored stored = documents.getOrDefault(projection, Map.of()).get(id);
        return stored == null || !stored.rendered().live() ? null : stored.rendered().view();
    }

    /** Every live document's client view, by id in order. */
    public Map<Object, Map<String, Object>> views(String projection) {
        Map<Object, Map<String, Object>> views = new TreeMap<>((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
        documents.getOrDefault(projection, Map.of()).forEach((id, stored) -> {
            if (stored.rendered().live()) {
                views.put(id, stored.rendered().view());
            }
        });
        return views;
    }

    @Override
    public Map<RowKey, RowVersion> load(Collection<RowKey> keys) {
        Map<RowKey, RowVersion> found = new LinkedHashMap<>();
        keys.forEach(key -> {
            if (rows.containsKey(key)) {
                found.put(key, rows.get(key));
            }
        });
        return found;
    }

    @Override
    public Map<RowKey, RowVersion> loadChildren(String table, String parentKeyColumn, Collection<Object> parentKeys) {
        java.util.Set<String> wanted = new java.util.HashSet<>();
        parentKeys.forEach(key -> wanted.add(String.valueOf(key)));
        Map<RowKey, RowVersion> found = new LinkedHashMap<>();
        rows.forEach((row, version) -> {
            if (row.table().equals(table) && !version.isTombstone()
                    && wanted.contains(String.valueOf(version.values().get(parentKeyColumn)))) {
                found.put(row, version);
            }
        });
        return found;
    }

    private DocumentStore documentStore(String projection) {
        Map<Object, Stored> collection = documents.computeIfAbsent(projection, name -> new HashMap<>());
        return new DocumentStore() {
            @Override
            public List<DocumentState> loadByIds(Collection<Object> ids, Map<Object, Set<RowKey>> detached) {
                List<DocumentState> found = new ArrayList<>();
                ids.forEach(id -> {
                    if (collection.containsKey(id)) {
                        found.add(collection.get(id).load(detached.getOrDefault(id, Set.of())));
                    }
                });
                return found;
            }

            @Override
            public List<DocumentState> loadReferencing(Collection<RowKey> references) {
                return collection.values().stream()
                        .filter(stored -> references.stream().anyMatch(stored.rendered().references()::contains))
                        .map(stored -> stored.load(Set.of()))
                        .toList();
            }

            @Override
            public Map<Object, Map<RowKey, RowVersion>> loadDetached(Collection<Object> ids) {
                Map<Object, Map<RowKey, RowVersion>> found = new LinkedHashMap<>();
                ids.forEach(id -> {
                    if (collection.containsKey(id)) {
                        found.put(id, Map.copyOf(collection.get(id).detached()));
                    }
                });
                return found;
            }
        };
    }

    /** A stored document: all its detached components, of which a load returns only the ones asked for. */
    private record Stored(Object id, Map<RowKey, RowVersion> components, Map<RowKey, RowVersion> detached,
            Map<String, Accumulator> aggregates, long revision, RenderedDocument rendered) {

        DocumentState load(Set<RowKey> wanted) {
            Map<RowKey, RowVersion> loaded = new LinkedHashMap<>();
            wanted.forEach(row -> {
                if (detached.containsKey(row)) {
                    loaded.put(row, detached.get(row));
                }
            });
            return new DocumentState(id, components, new DocumentState.Stored(loaded, aggregates, rendered.position(),
                    rendered.sourceCommitTime()), revision);
        }
    }
}
