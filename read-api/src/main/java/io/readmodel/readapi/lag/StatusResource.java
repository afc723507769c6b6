package io.readmodel.readapi.lag;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** {@code GET /status}: the short address of the live status page, {@code /status.html}. */
@Path("/status")
public class StatusResource {

    /** 303 to the status page. */
    @GET
    public Response status() {
        return Response.seeOther(URI.create("/status.html")).build();
    }
}
