package io.readmodel.readapi.status;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * The live status page's addresses: {@code GET /status} (303 to {@code /status.html}), and the page's data,
 * {@code GET /status/summary} (the current figures) and {@code GET /status/series} (the last minutes).
 */
@Path("/status")
public class StatusResource {

    private final StatusService status;

    StatusResource(StatusService status) {
        this.status = status;
    }

    /** 303 to the status page. */
    @GET
    public Response page() {
        return Response.seeOther(URI.create("/status.html")).build();
    }

    /** Every projection's lag, throughput and position, the bridge's state, the snapshot's progress, dead letters. */
    @GET
    @Path("summary")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<StatusSummary> summary() {
        return status.summary();
    }

    /** Every projection's lag and throughput over the last minutes. */
    @GET
    @Path("series")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusSeries series() {
        return status.series();
    }
}
