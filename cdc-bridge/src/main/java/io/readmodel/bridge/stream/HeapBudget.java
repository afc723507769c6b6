package io.readmodel.bridge.stream;

import java.util.Optional;

/**
 * Whether the bulk initial load fits in the heap: it holds every row of the projected tables and the projected
 * documents at once (their encoded form a few insert batches at a time). Estimated from the tables' size on disk
 * ({@code pg_table_size}) times {@value #HEAP_BYTES_PER_TABLE_BYTE}: on the shop schema the heap in use after
 * projecting was 147–149 MB for 40,000 rows (tables logged as 2 MB, rounded down), 278–349 MB for 80,000 rows (5 MB),
 * 354 MB for 100,000 rows (6,976 kB) and 3,347 MB for 1,000,000 rows (68,712 kB), i.e. 40–70 heap bytes per table byte
 * with the application's own ~60 MB included, and the documents' encoding still to come (InitialLoadIT's and
 * SnapshotBenchmark's bridge logs, 2026-12-07). A coarse guard, not a promise: it catches the loads that are clearly
 * too big. A load that would not fit is refused before anything is cleared or created, with what to do instead,
 * rather than running out of memory halfway.
 *
 * @param tableBytes the projected tables' size on disk
 * @param freeHeap what the heap can still grow to hold ({@code maxMemory - used})
 */
record HeapBudget(long tableBytes, long freeHeap) {

    /** Heap bytes per byte of table on disk that a bulk load takes at its peak (shop schema: see the class). */
    static final long HEAP_BYTES_PER_TABLE_BYTE = 64;

    /** The heap the load is estimated to need at its peak. */
    long needed() {
        return tableBytes * HEAP_BYTES_PER_TABLE_BYTE;
    }

    /** Why the load cannot run, when it would not fit. */
    Optional<String> refusal(long maxHeap) {
        if (needed() <= freeHeap) {
            return Optional.empty();
        }
        return Optional.of(String.format("initial load refused: the projected tables take %d MB on disk, about %d MB of heap "
                + "loaded in bulk, and the heap has %d MB free (max %d MB). Start the bridge with a larger heap "
                + "(-Xmx%dm or more) or set bridge.initial-load=debezium (bounded memory, slower); nothing was changed",
                mb(tableBytes), mb(needed()), mb(freeHeap), mb(maxHeap), mb(maxHeap - freeHeap + needed()) + 1));
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }
}
