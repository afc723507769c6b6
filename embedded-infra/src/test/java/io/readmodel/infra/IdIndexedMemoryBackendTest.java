package io.readmodel.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Queries pinning {@code _id} with other conditions give MongoDB's answers through the stand-in's {@code _id} index. */
class IdIndexedMemoryBackendTest {

    private static MongoStandIn standIn;
    private static MongoClient client;
    private static MongoCollection<Document> documents;

    @BeforeAll
    static void start() {
        standIn = MongoStandIn.startInMemory();
        client = MongoClients.create(standIn.connectionString());
        documents = client.getDatabase("test").getCollection("documents");
        List<Document> rows = new ArrayList<>();
        for (long id = 1; id <= 2_000; id++) {
            rows.add(new Document("_id", id).append("live", id % 2 == 0).append("meta", new Document("rev", 1L)));
        }
        documents.insertMany(rows);
    }

    @AfterAll
    static void stop() {
        client.close();
        standIn.close();
    }

    @Test
    void theOtherConditionsStillDecide() {
        assertThat(documents.find(Filters.and(Filters.eq("_id", 4L), Filters.eq("live", true))).first()).isNotNull();
        assertThat(documents.find(Filters.and(Filters.eq("_id", 3L), Filters.eq("live", true))).first()).isNull();
        assertThat(documents.find(new Document("$and", List.of(new Document("_id", 6L), new Document("live", true)))).first())
                .isNotNull();
        assertThat(documents.find(Filters.and(Filters.in("_id", 1L, 2L, 3L, 4L), Filters.eq("live", true)))
                .map(document -> document.getLong("_id")).into(new ArrayList<>())).containsExactlyInAnyOrder(2L, 4L);
        assertThat(documents.find(Filters.and(Filters.eq("_id", 99_999L), Filters.eq("live", true))).first()).isNull();
    }

    @Test
    void aConditionalUpdateAppliesOnlyWhileItsConditionHolds() {
        assertThat(documents.updateOne(Filters.and(Filters.eq("_id", 10L), Filters.eq("meta.rev", 1L)),
                Updates.set("meta.rev", 2L)).getMatchedCount()).isEqualTo(1);
        assertThat(documents.updateOne(Filters.and(Filters.eq("_id", 10L), Filters.eq("meta.rev", 1L)),
                Updates.set("meta.rev", 3L)).getMatchedCount()).isZero();
        assertThat(documents.find(Filters.eq("_id", 10L)).first().get("meta", Document.class).getLong("rev")).isEqualTo(2L);
    }

    @Test
    void queriesWithoutAnIdConditionStillScan() {
        assertThat(documents.countDocuments(Filters.eq("live", true))).isEqualTo(1_000);
        assertThat(documents.find(Filters.gt("_id", 1_990L)).into(new ArrayList<>())).hasSize(10);
    }
}
