package io.readmodel.core.document;

import io.readmodel.core.change.RowKey;
import io.readmodel.core.change.RowVersion;
import io.readmodel.core.position.Position;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A read-model document as a map of components, one per contributing source row (root, children, looked-up
 * rows), each a last-writer-wins register versioned by its row's position. Merging is commutative,
 * associative and idempotent; everything a client sees is derived from the components.
 *
 * <p>Rows of aggregated-only children ({@link io.readmodel.core.definition.ProjectionDefinition#isDetachedChild})
 * are components too, but detached: a loaded document holds only the detached components a batch touches, plus
 * the aggregates' running state ({@link Accumulator}s) and the stored position. A detached component is merged
 * like any other (last writer wins), and the change it makes is folded into the aggregates, so a replayed change
 * is folded in once.
 */
public final class DocumentState {

    private final Object id;
    private final Map<RowKey, RowVersion> components;
    private final Map<RowKey, RowVersion> detached;
    private final Map<RowKey, RowVersion> touchedDetached = new LinkedHashMap<>();
    private final Set<RowKey> unstoredDetached = new LinkedHashSet<>();
    private final Map<String, Accumulator> aggregates;
    private final Position storedPosition;
    private final Instant storedCommitTime;
    private final long revision;
    private boolean changed;
    private long modifications;

    /**
     * A stored document without detached components.
     *
     * @param id the document's {@code _id}
     * @param components the stored components
     * @param revision the stored revision (0 for a document not stored yet); writes are conditional on it
     */
    public DocumentState(Object id, Map<RowKey, RowVersion> components, long revision) {
        this(id, components, Stored.NONE, revision);
    }

    /**
     * A stored document.
     *
     * @param id the document's {@code _id}
     * @param components the stored components (not detached)
     * @param stored the loaded detached components and the stored aggregate state and position
     * @param revision the stored revision (0 for a document not stored yet); writes are conditional on it
     */
    public DocumentState(Object id, Map<RowKey, RowVersion> components, Stored stored, long revision) {
        this.id = id;
        this.components = new LinkedHashMap<>(components);
        this.detached = new LinkedHashMap<>(stored.detached());
        this.aggregates = new LinkedHashMap<>(stored.aggregates());
        this.storedPosition = stored.position();
        this.storedCommitTime = stored.commitTime();
        this.revision = revision;
    }

    /**
     * What a stored document holds besides its components.
     *
     * @param detached the detached components loaded (those a batch touches, or all of them)
     * @param aggregates the aggregates' running state over detached components, by field
     * @param position the stored document's position (its newest component's, detached ones included)
     * @param commitTime the stored document's newest source commit time
     */
    public record Stored(Map<RowKey, RowVersion> detached, Map<String, Accumulator> aggregates, Position position,
            Instant commitTime) {

        /** A document without detached state. */
        public static final Stored NONE = new Stored(Map.of(), Map.of(), Position.ZERO, null);
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

    /** How many times it changed since it was loaded (tells whether a rendering of it is still current). */
    public long modifications() {
        return modifications;
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
        modifications++;
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
        modifications++;
        return true;
    }

    /** The loaded detached component of one row, or {@code null} (a row this document never held). */
    public RowVersion detachedComponent(RowKey row) {
        return detached.get(row);
    }

    /** The loaded detached components, read-only. */
    public Map<RowKey, RowVersion> detached() {
        return Collections.unmodifiableMap(detached);
    }

    /** The detached components merged since the document was loaded (what a write must store). */
    public Map<RowKey, RowVersion> touchedDetached() {
        return Collections.unmodifiableMap(touchedDetached);
    }

    /**
     * The touched detached components that had no stored version when the document was loaded: a write may insert
     * them rather than guard against a newer stored one (and must fall back to that guard when another writer stored
     * one since).
     */
    public Set<RowKey> unstoredDetached() {
        return Collections.unmodifiableSet(unstoredDetached);
    }

    /**
     * Merges a version of a detached row (last writer wins, as {@link #merge}); the caller folds the change into
     * the aggregates.
     *
     * @return whether the document changed
     */
    public boolean mergeDetached(RowKey row, RowVersion version) {
        RowVersion known = detached.get(row);
        if (!version.supersedes(known)) {
            return false;
        }
        if (known == null) {
            unstoredDetached.add(row);
        }
        detached.put(row, version);
        touchedDetached.put(row, version);
        changed = true;
        modifications++;
        return true;
    }

    /** Adds stored detached components that were not loaded yet (to recompute an aggregate from all of them). */
    public void addStoredDetached(Map<RowKey, RowVersion> stored) {
        stored.forEach(detached::putIfAbsent);
    }

    /** The running state of an aggregate over detached rows ({@link Accumulator#EMPTY} when none). */
    public Accumulator aggregate(String field) {
        return aggregates.getOrDefault(field, Accumulator.EMPTY);
    }

    /** Every aggregate's running state, by field, read-only. */
    public Map<String, Accumulator> aggregates() {
        return Collections.unmodifiableMap(aggregates);
    }

    /** Sets an aggregate's running state. */
    public void setAggregate(String field, Accumulator accumulator) {
        if (!accumulator.equals(aggregate(field))) {
            changed = true;
            modifications++;
        }
        aggregates.put(field, accumulator);
    }

    /** The stored document's position ({@link Position#ZERO} when new): detached rows not loaded count in it. */
    public Position storedPosition() {
        return storedPosition;
    }

    /** The stored document's newest source commit time, or {@code null}. */
    public Instant storedCommitTime() {
        return storedCommitTime;
    }

    /** Drops a component that no longer contributes (a lookup nobody references); it can be fetched again. */
    public void forget(RowKey row) {
        if (components.remove(row) != null) {
            changed = true;
            modifications++;
        }
    }
}
