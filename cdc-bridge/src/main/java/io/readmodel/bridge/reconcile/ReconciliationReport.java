package io.readmodel.bridge.reconcile;

import java.util.List;

/**
 * How a projection's documents compare with what PostgreSQL says they should be.
 *
 * @param projection the projection
 * @param snapshotPosition the position of the source snapshot the expected documents were computed from
 * @param expected how many documents the source implies
 * @param actual how many live documents MongoDB holds
 * @param missing documents the source implies but MongoDB lacks
 * @param extra live documents MongoDB holds but the source does not imply
 * @param different documents whose content differs
 * @param missingExamples a few missing ids
 * @param extraExamples a few extra ids
 * @param differentExamples a few differences
 * @param repaired whether drift was repaired (the counts are then those found before the repair)
 * @param remainingAfterRepair drifted documents left after the repair (0 when it worked), or -1 without repair
 * @param durationMillis how long it took
 */
public record ReconciliationReport(String projection, String snapshotPosition, int expected, int actual, int missing,
        int extra, int different, List<String> missingExamples, List<String> extraExamples,
        List<Difference> differentExamples, boolean repaired, int remainingAfterRepair, long durationMillis) {

    /**
     * One differing document.
     *
     * @param id its id
     * @param expected the document the source implies (JSON)
     * @param actual the document MongoDB holds (JSON)
     */
    public record Difference(String id, String expected, String actual) {
    }

    /** The same findings, with how the reconciliation ended. */
    ReconciliationReport completed(boolean repaired, int remainingAfterRepair, long durationMillis) {
        return new ReconciliationReport(projection, snapshotPosition, expected, actual, missing, extra, different, missingExamples,
                extraExamples, differentExamples, repaired, remainingAfterRepair, durationMillis);
    }

    /** Missing, extra and different documents together. */
    @com.fasterxml.jackson.annotation.JsonProperty("drift")
    public int drift() {
        return missing + extra + different;
    }
}
