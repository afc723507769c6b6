package io.readmodel.core.engine;

import static io.readmodel.core.testkit.SourceHistory.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.readmodel.core.change.RowChange;
import io.readmodel.core.definition.AggregateDefinition;
import io.readmodel.core.definition.AggregateDefinition.Function;
import io.readmodel.core.definition.ChildDefinition;
import io.readmodel.core.definition.Condition;
import io.readmodel.core.definition.FieldMapping;
import io.readmodel.core.definition.ProjectionDefinition;
import io.readmodel.core.definition.RowFilter;
import io.readmodel.core.testkit.InMemoryReadModel;
import io.readmodel.core.testkit.SourceHistory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Nested children (artist → albums → tracks), aggregates and root filters. */
class CatalogProjectionTest {

    static final ProjectionDefinition ARTISTS = new ProjectionDefinition("artists", "artist", "id",
            List.of(FieldMapping.of("id", "id"), FieldMapping.of("name", "name")), List.of(),
            List.of(new ChildDefinition("albums", "album", "id", "artist_id", "id", false,
                    List.of(FieldMapping.of("title", "title")), List.of(),
                    List.of(ChildDefinition.embedded("tracks", "track", "id", "album_id", "id",
                            List.of(FieldMapping.of("name", "name")), List.of())))),
            List.of(new AggregateDefinition("albumCount", Function.COUNT, "album", null, null, null)),
            new RowFilter(List.of(new Condition("name", Condition.Operator.NE, List.of("hidden")))));

    static final ProjectionDefinition CUSTOMERS = new ProjectionDefinition("customers", "customers", "id",
            List.of(FieldMapping.of("name", "name")), List.of(),
            List.of(new ChildDefinition(null, "orders", "id", "customer_id", "id", false, List.of(), List.of(), List.of())),
            List.of(new AggregateDefinition("orderCount", Function.COUNT, "orders", null, null, null),
                    new AggregateDefinition("lifetimeValue", Function.SUM, "orders", "total", null,
                            new RowFilter(List.of(new Condition("status", Condition.Operator.NE, List.of("CANCELLED"))))),
                    new AggregateDefinition("lastOrderAt", Function.MAX, "orders", "placed_at", null, null),
                    new AggregateDefinition("lastStatus", Function.LATEST, "orders", "status", "placed_at", null)),
            RowFilter.ALL);

    @Test
    void tracksArriveUnderTheirAlbumWhicheverComesFirst() {
        SourceHistory history = new SourceHistory();
        history.commit(tx -> tx.insert("track", row("id", 10L, "album_id", 1L, "name", "Intro")));
        history.commit(tx -> tx.insert("artist", row("id", 100L, "name", "AC/DC")));
        history.commit(tx -> tx.insert("album", row("id", 1L, "artist_id", 100L, "title", "Back in Black")));
        history.commit(tx -> tx.insert("track", row("id", 11L, "album_id", 1L, "name", "Hells Bells")));

        for (InMemoryReadModel readModel : deliveredInEveryBatching(history.changes(), ARTISTS)) {
            assertThat(readModel.view("artists", 100L)).isEqualTo(row("id", 100L, "name", "AC/DC",
                    "albums", List.of(row("title", "Back in Black", "tracks", List.of(row("name", "Intro"), row("name", "Hells Bells")))),
                    "albumCount", 1L));
        }
    }

    @Test
    void anAlbumMovingToAnotherArtistTakesItsTracksAlong() {
        SourceHistory history = new SourceHistory();
        history.commit(tx -> tx.insert("artist", row("id", 100L, "name", "A")).insert("artist", row("id", 200L, "name", "B"))
                .insert("album", row("id", 1L, "artist_id", 100L, "title", "First"))
                .insert("track", row("id", 10L, "album_id", 1L, "name", "t10")));
        history.commit(tx -> tx.update("album", row("id", 1L, "artist_id", 200L, "title", "First")));
        history.commit(tx -> tx.update("track", row("id", 10L, "album_id", 1L, "name", "t10 (remaster)")));
        history.commit(tx -> tx.update("album", row("id", 1L, "artist_id", 100L, "title", "First")));

        for (InMemoryReadModel readModel : deliveredInEveryBatching(history.changes(), ARTISTS)) {
            assertThat(readModel.view("artists", 200L)).containsEntry("albums", List.of()).containsEntry("albumCount", 0L);
            assertThat(readModel.view("artists", 100L)).containsEntry("albums",
                    List.of(row("title", "First", "tracks", List.of(row("name", "t10 (remaster)")))));
        }
    }

    @Test
    void aRootRowFailingTheFilterIsNotADocument() {
        SourceHistory history = new SourceHistory();
        history.commit(tx -> tx.insert("artist", row("id", 100L, "name", "hidden")));
        InMemoryReadModel readModel = readModel(ARTISTS);
        readModel.apply(history.changes());
        assertThat(readModel.view("artists", 100L)).isNull();

        history.commit(tx -> tx.update("artist", row("id", 100L, "name", "shown")));
        readModel.apply(history.changes());
        assertThat(readModel.view("artists", 100L)).containsEntry("name", "shown");
    }

    @Test
    void aggregatesFollowInsertsUpdatesDeletesAndMovesAndIgnoreReplays() {
        SourceHistory history = new SourceHistory();
        history.commit(tx -> tx.insert("customers", row("id", 1L, "name", "Ada")).insert("customers", row("id", 2L, "name", "Bob")));
        history.commit(tx -> tx.insert("orders", order(10L, 1L, "PLACED", "12.50", "2026-01-01T10:00:00.000000Z"))
                .insert("orders", order(11L, 1L, "PLACED", "7.25", "2026-01-03T10:00:00.000000Z"))
                .insert("orders", order(12L, 1L, "PLACED", "100.00", "2026-01-02T10:00:00.000000Z")));
        history.commit(tx -> tx.update("orders", order(12L, 1L, "CANCELLED", "100.00", "2026-01-02T10:00:00.000000Z")));
        history.commit(tx -> tx.update("orders", order(11L, 2L, "SHIPPED", "7.25", "2026-01-03T10:00:00.000000Z")));
        history.commit(tx -> tx.insert("orders", order(13L, 1L, "PLACED", "0.25", "2025-12-31T10:00:00.000000Z")).delete("orders", 10L));

        for (InMemoryReadModel readModel : deliveredInEveryBatching(history.changes(), CUSTOMERS)) {
            readModel.apply(history.changes());
            assertThat(readModel.view("customers", 1L)).isEqualTo(row("name", "Ada", "orderCount", 2L,
                    "lifetimeValue", new BigDecimal("0.25"), "lastOrderAt", "2026-01-02T10:00:00.000000Z", "lastStatus", "CANCELLED"));
            assertThat(readModel.view("customers", 2L)).isEqualTo(row("name", "Bob", "orderCount", 1L,
                    "lifetimeValue", new BigDecimal("7.25"), "lastOrderAt", "2026-01-03T10:00:00.000000Z", "lastStatus", "SHIPPED"));
        }
    }

    @Test
    void randomAlbumAndTrackMovesGiveTheSameDocumentsHoweverTheyAreBatched() {
        for (long seed = 1; seed <= 100; seed++) {
            Random random = new Random(seed);
            SourceHistory history = new SourceHistory();
            history.commit(tx -> {
                for (long artist = 1; artist <= 3; artist++) {
                    tx.insert("artist", row("id", artist, "name", "artist" + artist));
                }
            });
            List<Long> albums = new ArrayList<>();
            List<Long> tracks = new ArrayList<>();
            for (int t = 0; t < 15; t++) {
                history.commit(tx -> {
                    int choice = random.nextInt(5);
                    if (choice == 0 || albums.isEmpty()) {
                        long id = 10 + albums.size();
                        albums.add(id);
                        tx.insert("album", row("id", id, "artist_id", 1L + random.nextInt(3), "title", "album" + id));
                    } else if (choice <= 2) {
                        long id = 100 + tracks.size();
                        tracks.add(id);
                        tx.insert("track", row("id", id, "album_id", albums.get(random.nextInt(albums.size())), "name", "track" + id));
                    } else if (choice == 3) {
                        long id = albums.get(random.nextInt(albums.size()));
                        tx.update("album", row("id", id, "artist_id", 1L + random.nextInt(3), "title", "album" + id + "-" + random.nextInt(9)));
                    } else if (!tracks.isEmpty()) {
                        long id = tracks.get(random.nextInt(tracks.size()));
                        tx.update("track", row("id", id, "album_id", albums.get(random.nextInt(albums.size())), "name", "track" + id));
                    }
                });
            }
            List<InMemoryReadModel> results = deliveredInEveryBatching(history.changes(), ARTISTS);

            Map<Object, Map<String, Object>> expected = results.get(0).views("artists");
            for (InMemoryReadModel result : results) {
                assertThat(result.views("artists")).as("seed %d", seed).isEqualTo(expected);
            }
        }
    }

    /** In one batch, one change per batch, random batches with a replay of everything at the end. */
    private static List<InMemoryReadModel> deliveredInEveryBatching(List<RowChange> changes, ProjectionDefinition definition) {
        InMemoryReadModel oneBatch = readModel(definition);
        oneBatch.apply(changes);
        InMemoryReadModel oneByOne = readModel(definition);
        oneByOne.applyEach(changes);
        InMemoryReadModel replayed = readModel(definition);
        List<RowChange> shuffledBatches = new ArrayList<>(changes);
        int at = 0;
        Random random = new Random(changes.size());
        while (at < shuffledBatches.size()) {
            int size = 1 + random.nextInt(4);
            replayed.apply(shuffledBatches.subList(at, Math.min(at + size, shuffledBatches.size())));
            at += size;
        }
        replayed.apply(Collections.unmodifiableList(changes));
        return List.of(oneBatch, oneByOne, replayed);
    }

    private static InMemoryReadModel readModel(ProjectionDefinition definition) {
        return new InMemoryReadModel(new ChangeProjector(List.of(definition)));
    }

    private static Map<String, Object> order(long id, long customer, String status, String total, String placedAt) {
        return row("id", id, "customer_id", customer, "status", status, "total", new BigDecimal(total), "placed_at", placedAt);
    }
}
