package io.readmodel.bridge.reconcile;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code readmodel_reconciliation_drift_documents{projection,kind}}: missing, extra and different documents found
 * by the latest reconciliation of each projection (before any repair).
 */
@ApplicationScoped
public class ReconciliationMetrics {

    private final MeterRegistry registry;
    private final Map<String, ReconciliationReport> latest = new ConcurrentHashMap<>();

    ReconciliationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(ReconciliationReport report) {
        if (latest.put(report.projection(), report) == null) {
            String projection = report.projection();
            registry.gauge("readmodel.reconciliation.drift.documents", Tags.of("projection", projection, "kind", "missing"),
                    latest, all -> all.get(projection).missing());
            registry.gauge("readmodel.reconciliation.drift.documents", Tags.of("projection", projection, "kind", "extra"),
                    latest, all -> all.get(projection).extra());
            registry.gauge("readmodel.reconciliation.drift.documents", Tags.of("projection", projection, "kind", "different"),
                    latest, all -> all.get(projection).different());
        }
    }

    /** The latest report of every projection reconciled so far. */
    public Map<String, ReconciliationReport> latest() {
        return Map.copyOf(latest);
    }
}
