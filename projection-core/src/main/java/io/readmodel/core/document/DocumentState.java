package io.readmodel.core.document;

import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A read-model document as a map of components, one per contributing source row (root, children, looked-up
 * rows), each a last-writer-wins register versioned by its row's position. Merging is commutative,
 * associative and idempotent; everything a client sees is derived from the components.
 */
public final class DocumentState {

    private final Object id;
    private final Map<RowKey, RowVersion> components;
    private final long revision;
    private boolean changed;

    /**
     * @param id the document's {@code _id}
     * @param components the stored components
     * @param revision the stored revision (0 for a document not stored yet); writes are conditional on it
     */
    public DocumentState(Object id, Map<RowKey, RowVersion> components, long revision) {
        this.id = id;
        this.components = new LinkedHashMap<>(components);
        this.revision = revision;
    }

    /** A document not stored yet. */
    public static DocumentState empty(Object id) {
        return new DocumentState(id, Map.of(), 0);
    }

    /** The document's {@code _id}. */
    public Object id() {
        return id;
    }

    /** The revision it was loaded at (0 when new). */
    public long revision() {
        return revision;
    }

    /** Whether a merge changed it since it was loaded. */
    public boolean isChanged() {
        return changed;
    }

    /** The components, read-only. */
    public Map<RowKey, RowVersion> components() {
        return Collections.unmodifiableMap(components);
    }

    /** The component of one row, or {@code null}. */
    public RowVersion component(RowKey row) {
        return components.get(row);
    }

    /**
     * Merges a row version: it replaces the current component only when strictly newer.
     *
     * @return whether the document changed
     */
    public boolean merge(RowKey row, RowVersion version) {
        if (!version.supersedes(components.get(row))) {
            return false;
        }
        components.put(row, version);
        changed = true;
        return true;
    }

    /**
     * Adopts the latest stored version of a row gathered into this document because its parent arrived: unlike
     * {@link #merge}, it also replaces a tombstone of the same position, which only says the row had left this
     * document with that version, not that the row is gone.
     *
     * @return whether the document changed
     */
    public boolean adopt(RowKey row, RowVersion version) {
        RowVersion current = components.get(row);
        if (current != null && (current.position().isAfter(version.position())
                || (current.position().equals(version.position()) && !current.isTombstone()))) {
            return false;
        }
        components.put(row, version);
        changed = true;
        return true;
    }

    /** Drops a component that no longer contributes (a lookup nobody references); it can be fetched again. */
    public void forget(RowKey row) {
        if (components.remove(row) != null) {
            changed = true;
        }
    }
}
