package io.readmodel.bridge.heap;

import io.readmodel.bridge.config.SourceConnections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Whether a job that holds whole tables in the bridge's heap fits there: the bulk initial load and a
 * reconciliation hold every row of the tables they read and the documents projected from them at once. Estimated
 * from the tables' size on disk ({@code pg_table_size}) times the heap bytes the job takes per table byte at its
 * peak, a factor each job measured on the shop schema and documents where it is set. A coarse guard, not a
 * promise: it catches the jobs that are clearly too big before they start, rather than running out of memory
 * halfway.
 *
 * @param tableBytes the tables' size on disk
 * @param bytesPerTableByte heap bytes the job takes at its peak per byte of table on disk
 * @param freeHeap what the heap can still grow to hold ({@code maxMemory - used})
 * @param maxHeap the heap's maximum ({@code maxMemory})
 */
public record HeapBudget(long tableBytes, long bytesPerTableByte, long freeHeap, long maxHeap) {

    private static final long MB = 1024 * 1024;

    /**
     * The budget of a job over these tables, with the heap as it is now; when the job does not fit, after one
     * full collection (what earlier jobs left behind may be garbage not collected yet).
     */
    public static HeapBudget measure(Connection connection, String schema, Collection<String> tables, long bytesPerTableByte)
            throws SQLException {
        long tableBytes = sizeOnDisk(connection, schema, tables);
        HeapBudget budget = new HeapBudget(tableBytes, bytesPerTableByte, currentFreeHeap(), Runtime.getRuntime().maxMemory());
        if (!budget.fits()) {
            System.gc();
            budget = new HeapBudget(tableBytes, bytesPerTableByte, currentFreeHeap(), Runtime.getRuntime().maxMemory());
        }
        return budget;
    }

    /** The heap the job is estimated to need at its peak. */
    public long needed() {
        return tableBytes * bytesPerTableByte;
    }

    /** Whether that fits in the free heap. */
    public boolean fits() {
        return needed() <= freeHeap;
    }

    /** The tables, the heap they need and the heap there is, for a log line or a refusal. */
    public String describe() {
        return String.format("the tables take %d MB on disk (%d kB), about %d MB of heap at the peak, and the heap has %d MB free (max %d MB)",
                tableBytes / MB, tableBytes / 1024, needed() / MB, freeHeap / MB, maxHeap / MB);
    }

    /** The {@code -Xmx} option under which the job would fit beside what the heap holds now. */
    public String largerHeapOption() {
        return "-Xmx" + ((maxHeap - freeHeap + needed()) / MB + 1) + "m";
    }

    /** The heap in use now in MB (not yet collected garbage included), for log lines. */
    public static long usedHeapMb() {
        return usedHeap() / MB;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long currentFreeHeap() {
        return Runtime.getRuntime().maxMemory() - usedHeap();
    }

    private static long sizeOnDisk(Connection connection, String schema, Collection<String> tables) throws SQLException {
        long bytes = 0;
        try (PreparedStatement size = connection.prepareStatement("SELECT pg_table_size(to_regclass(?))")) {
            for (String table : tables) {
                size.setString(1, SourceConnections.qualifiedName(connection, schema, table));
                try (ResultSet result = size.executeQuery()) {
                    bytes += result.next() ? result.getLong(1) : 0;
                }
            }
        }
        return bytes;
    }
}
