package io.readmodel.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoInternalException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Why the apps give every {@code find} that may match many documents a {@code batchSize}: the stand-in answers a
 * {@code find} without one with every match in a single reply, which the driver refuses past 48 MB (real MongoDB
 * caps a batch at 16 MB); with one, it pages through a cursor like MongoDB.
 */
class StandInCursorTest {

    private static final int DOCUMENTS = 52;
    private static MongoStandIn standIn;
    private static MongoClient client;
    private static MongoCollection<Document> documents;

    @BeforeAll
    static void start() {
        standIn = MongoStandIn.startInMemory();
        client = MongoClients.create(standIn.connectionString());
        documents = client.getDatabase("test").getCollection("large");
        String megabyte = "x".repeat(1024 * 1024);
        for (int id = 0; id < DOCUMENTS; id++) {
            documents.insertOne(new Document("_id", id).append("payload", megabyte));
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        standIn.close();
    }

    @Test
    void aFindWithABatchSizePagesThroughMoreThanOneReplyCanHold() {
        List<Object> ids = new ArrayList<>();
        documents.find().batchSize(8).forEach(document -> ids.add(document.get("_id")));

        assertThat(ids).hasSize(DOCUMENTS);
    }

    @Test
    void aFindWithoutOneGetsEveryMatchInOneReplyAndFailsPast48Megabytes() {
        assertThatThrownBy(() -> documents.find().forEach(document -> { }))
                .isInstanceOf(MongoInternalException.class)
                .hasMessageContaining("greater than the maximum message length");
    }
}
