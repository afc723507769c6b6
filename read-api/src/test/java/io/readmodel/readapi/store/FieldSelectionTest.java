package io.readmodel.readapi.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class FieldSelectionTest {

    private final Document stored = Document.parse("{_id: 42, id: 42, status: 'PLACED', lines: [{sku: 'A', q: 1}],"
            + " _meta: {live: true, position: '0/10#1', c: [1, 2], refs: ['x']}}");

    @Test
    void anInclusionKeepsTheNamedPathsAndTheIdInStoredOrder() {
        Document selected = FieldSelection.include("status", "_meta.position", "id").apply(stored);

        assertThat(selected.toJson()).isEqualTo("{\"_id\": 42, \"id\": 42, \"status\": \"PLACED\","
                + " \"_meta\": {\"position\": \"0/10#1\"}}");
    }

    @Test
    void anExclusionDropsOnlyTheNamedPaths() {
        Document selected = FieldSelection.exclude("_meta.c", "_meta.refs").apply(stored);

        assertThat(selected.toJson()).isEqualTo("{\"_id\": 42, \"id\": 42, \"status\": \"PLACED\","
                + " \"lines\": [{\"sku\": \"A\", \"q\": 1}], \"_meta\": {\"live\": true, \"position\": \"0/10#1\"}}");
        assertThat(stored.get("_meta", Document.class)).containsKey("c");
    }

    @Test
    void aSelectionIsWithinTheCachedFormOnlyIfItNeverNeedsWhatTheCacheLeavesOut() {
        FieldSelection cached = FieldSelection.exclude("_meta.c", "_meta.refs");

        assertThat(FieldSelection.include("id", "_meta.position").isWithin(cached)).isTrue();
        assertThat(FieldSelection.exclude("_meta.c", "_meta.refs").isWithin(cached)).isTrue();
        assertThat(FieldSelection.include("_meta").isWithin(cached)).isFalse();
        assertThat(FieldSelection.include("_meta.c.p").isWithin(cached)).isFalse();
        assertThat(FieldSelection.exclude("_meta.c").isWithin(cached)).isFalse();
        assertThat(new FieldSelection(true, List.of("id")).isWithin(FieldSelection.include("id"))).isFalse();
    }
}
