package io.readmodel.readapi.view;

import io.readmodel.core.checkpoint.Checkpoint;
import io.readmodel.readapi.http.VersionedView;
import io.readmodel.readapi.store.LiveDocuments;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads any declared projection's live documents as client views. */
@ApplicationScoped
public class ViewService {

    private final LiveDocuments documents;

    ViewService(LiveDocuments documents) {
        this.documents = documents;
    }

    /**
     * The live document with one of these keys (the first that matches), if any, at least as new as {@code applied}
     * (a token's checkpoint).
     */
    public Uni<Optional<VersionedView<Map<String, Object>>>> findLive(String projection, List<Object> keys,
            Optional<Checkpoint> applied) {
        return documents.findByKey(projection, keys, ClientViews.FIELDS, applied)
                .map(found -> found.map(document ->
                        new VersionedView<>(ClientViews.of(document), VersionedView.positionOf(document))));
    }

    /** One page of the listing. */
    public Uni<ViewPage> findPage(String projection, ViewQuery query) {
        return documents.findPage(projection, query.filter(), query.sort(), query.limit(), query.after(),
                        ClientViews.FIELDS)
                .map(page -> new ViewPage(page.documents().stream().map(ClientViews::of).toList(),
                        page.nextCursor()));
    }
}
