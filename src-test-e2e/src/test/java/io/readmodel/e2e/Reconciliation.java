package io.readmodel.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Asks the bridge to reconcile a projection with PostgreSQL, waiting for the pipeline to quiesce. */
final class Reconciliation {

    private Reconciliation() {
    }

    /** The report once drift is zero, or the last report after the timeout. */
    static JsonNode awaitZeroDrift(Pipeline pipeline, String projection, Duration timeout) {
        return awaitZeroDrift(pipeline.bridge, projection, timeout);
    }

    /** The same, asking a given bridge (another one on the same slot and database). */
    static JsonNode awaitZeroDrift(AppProcess bridge, String projection, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Http.Response response = Http.post(bridge.url("/admin/reconciliations/" + projection), null, Map.of());
            if (response.status() == 200) {
                JsonNode report = response.json();
                if (report.get("drift").asInt() == 0 || Instant.now().isAfter(deadline)) {
                    return report;
                }
            } else if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("reconciliation answered " + response.status() + ": " + response.raw().body());
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
