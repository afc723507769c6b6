package io.readmodel.bridge.admin;

import io.readmodel.bridge.reconcile.ReconciliationMetrics;
import io.readmodel.bridge.reconcile.ReconciliationReport;
import io.readmodel.bridge.reconcile.Reconciler;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.Produces;
import java.util.Map;

/** Admin endpoints: reconcile a projection against PostgreSQL, optionally repairing the drift. */
@Path("/admin/reconciliations")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    private final Reconciler reconciler;
    private final ReconciliationMetrics metrics;

    ReconciliationResource(Reconciler reconciler, ReconciliationMetrics metrics) {
        this.reconciler = reconciler;
        this.metrics = metrics;
    }

    /**
     * Runs a reconciliation now (blocking: it reads the source and MongoDB). 409 while another one runs, 503 when the
     * projection's tables would not fit in the heap (both problem documents saying why).
     */
    @POST
    @Path("/{projection}")
    public ReconciliationReport reconcile(@PathParam("projection") String projection, @QueryParam("repair") boolean repair) {
        return reconciler.reconcile(projection, repair);
    }

    /** The latest report of every projection reconciled since the bridge started. */
    @GET
    public Map<String, ReconciliationReport> latest() {
        return metrics.latest();
    }
}
