package io.readmodel.readapi.view;

import io.readmodel.readapi.ReadApiConfig;
import io.readmodel.readapi.consistency.ConsistencyParams;
import io.readmodel.readapi.consistency.ConsistencyService;
import io.readmodel.readapi.http.DocumentResponses;
import io.readmodel.readapi.http.RequestValues;
import io.readmodel.readapi.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code GET /views/{projection}/{id}} and {@code GET /views/{projection}}: any declared projection, by key or
 * filtered, sorted and paginated, with ETags and read-your-writes on the projection's own checkpoint.
 */
@Path("/views/{projection}")
public class ViewResource {

    private final ProjectionCatalog catalog;
    private final ViewService views;
    private final ConsistencyService consistency;
    private final ReadApiConfig.Pagination pagination;

    ViewResource(ProjectionCatalog catalog, ViewService views, ConsistencyService consistency,
            ReadApiConfig config) {
        this.catalog = catalog;
        this.views = views;
        this.consistency = consistency;
        this.pagination = config.pagination();
    }

    /** The live document, 304 when the client's version is current, 404 when there is none. */
    @GET
    @Path("/{id}")
    public Uni<Response> document(@PathParam("projection") String projection, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @BeanParam ConsistencyParams token) {
        List<Object> key = RequestValues.documentKey(id);
        return catalog.requireKnown(projection)
                .chain(() -> consistency.awaitTokenByKey(projection, token))
                .chain(applied -> views.findLive(projection, key, applied)
                        .map(found -> found.orElseThrow(() -> ProblemException.notFound("document-not-found",
                                "Document not found", "There is no document '" + RequestValues.abbreviate(id)
                                        + "' in projection '" + projection + "'.")))
                        .map(document -> DocumentResponses.single(document, ifNoneMatch, applied)));
    }

    /** One page; {@code nextCursor} fetches the following one and is null on the last page. */
    @GET
    public Uni<Response> list(@PathParam("projection") String projection, @QueryParam("filter") List<String> filters,
            @QueryParam("sort") String sort, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @BeanParam ConsistencyParams token) {
        ViewQuery query = ViewQuery.parse(filters, sort, limit, cursor, pagination);
        return catalog.requireKnown(projection)
                .chain(() -> consistency.awaitToken(projection, token))
                .chain(applied -> views.findPage(projection, query)
                        .map(page -> DocumentResponses.page(page, applied)));
    }
}
