package io.readmodel.readapi.cache;

import io.readmodel.core.checkpoint.Checkpoint;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows the bridge's invalidation log for the {@link DocumentCache}: pure bookkeeping, no I/O, driven by one poll
 * at a time ({@link CacheSync}).
 *
 * <p>Every entry read is kept <em>open</em> until, for each projection it names, that projection's checkpoint has
 * reached the entry's LSN: only then have the batch's documents certainly been written (the bridge writes the entry,
 * then the documents, then the checkpoints), so only then does dropping them from the cache make later loads see
 * the new versions. Entries are read in sequence without gaps, but processed per projection as soon as each part is
 * due, not strictly in order: after a bridge crash, an entry of the half-written batch (high LSN) may be followed by
 * replayed batches with lower LSNs, and those must not wait behind it.
 *
 * <p>Once a poll has read every entry that existed after it read the checkpoints (see {@link Outcome#CAUGHT_UP}) and
 * {@link #settle settled} them, the cache is valid through each projection's checkpoint: every batch whose changes
 * the checkpoint covers wrote its entry before its documents and its documents before that checkpoint, so its entry
 * was read, and its parts (LSN at most the checkpoint) were settled.
 */
final class InvalidationFollower {

    /** How many sequences one read asks for ({@code $in}). */
    static final int WINDOW = 64;

    /** More open entries than this means the checkpoints stopped following the log: start afresh. */
    static final int MAX_OPEN_ENTRIES = 10_000;

    /** Drops documents from the cache. */
    interface Invalidator {

        /** Drops these documents of the projection (and any load of them in flight). */
        void invalidate(String projection, List<Object> ids);
    }

    /** What reading a window of the log showed. */
    enum Outcome {
        /** Every entry after the previous ones is read; no later one existed when the window was read. */
        CAUGHT_UP,
        /** The window was full: more entries may follow. */
        MORE,
        /** An entry is missing while a later one exists (pruned while read-api lagged): the log cannot be followed. */
        GAP,
        /** Too many entries wait for checkpoints that do not come. */
        OVERFLOW
    }

    private final Invalidator invalidator;
    private final ArrayDeque<OpenEntry> open = new ArrayDeque<>();
    /** The sequence of the next entry to read; 0 while not following. */
    private long next;

    InvalidationFollower(Invalidator invalidator) {
        this.invalidator = invalidator;
    }

    /** Whether the log is being followed (after {@link #startAfter}, until {@link #stop}). */
    boolean following() {
        return next > 0;
    }

    /** The sequence of the next entry to read. */
    long next() {
        return next;
    }

    /** Entries read whose documents are not all dropped yet. */
    int openEntries() {
        return open.size();
    }

    /** Forgets everything; the cache must be cleared with it. */
    void stop() {
        next = 0;
        open.clear();
    }

    /**
     * Starts following after the newest entry, with an empty cache. The last entries before it (up to a window,
     * {@code recent}) are opened too: their batches' documents may still be being written.
     */
    void startAfter(long newest, List<InvalidationEntry> recent) {
        open.clear();
        recent.stream().filter(entry -> entry.sequence() <= newest).forEach(this::open);
        next = newest + 1;
    }

    /**
     * Takes the entries that exist of the window starting at {@link #next()}.
     *
     * @param window the entries read, in sequence order
     * @param newest the newest sequence, when it was looked up just before the window was read: it reveals a
     *     gap larger than a window
     */
    Outcome add(List<InvalidationEntry> window, Optional<Long> newest) {
        long first = next;
        long expected = first;
        for (InvalidationEntry entry : window) {
            if (entry.sequence() < expected) {
                continue; // asked for sequences from next only; tolerate duplicates
            }
            if (entry.sequence() > expected) {
                return Outcome.GAP;
            }
            open(entry);
            expected++;
        }
        next = expected;
        if (open.size() > MAX_OPEN_ENTRIES) {
            return Outcome.OVERFLOW;
        }
        if (expected - first >= WINDOW) {
            return Outcome.MORE;
        }
        if (newest.isPresent() && newest.get() >= expected) {
            return Outcome.GAP; // a later entry existed before this window was read, yet the next one is gone
        }
        return Outcome.CAUGHT_UP;
    }

    /** Drops the documents of every open entry part whose projection's checkpoint has reached the entry. */
    void settle(Map<String, Checkpoint> checkpoints) {
        for (Iterator<OpenEntry> entries = open.iterator(); entries.hasNext();) {
            OpenEntry entry = entries.next();
            for (Iterator<Map.Entry<String, List<Object>>> parts = entry.parts.entrySet().iterator();
                    parts.hasNext();) {
                Map.Entry<String, List<Object>> part = parts.next();
                Checkpoint checkpoint = checkpoints.get(part.getKey());
                if (checkpoint != null && entry.lsn <= checkpoint.appliedLsn().value()) {
                    invalidator.invalidate(part.getKey(), part.getValue());
                    parts.remove();
                }
            }
            if (entry.parts.isEmpty()) {
                entries.remove();
            }
        }
    }

    private void open(InvalidationEntry entry) {
        if (!entry.documents().isEmpty()) {
            open.add(new OpenEntry(entry.lsn(), new HashMap<>(entry.documents())));
        }
    }

    private record OpenEntry(long lsn, Map<String, List<Object>> parts) {
    }
}
