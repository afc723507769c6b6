package io.readmodel.readapi.lag;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /lag}: how far behind its source every projection is. */
@Path("/lag")
public class LagResource {

    private final LagService lag;

    LagResource(LagService lag) {
        this.lag = lag;
    }

    /** One entry per projection checkpoint. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<LagReport> lag() {
        return lag.report();
    }
}
