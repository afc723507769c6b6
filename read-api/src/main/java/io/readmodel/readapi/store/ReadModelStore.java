package io.readmodel.readapi.store;

import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.readmodel.readapi.ReadApiConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.bson.Document;

/** The read models' database, as seen through the reactive (never blocking) MongoDB client. */
@ApplicationScoped
public class ReadModelStore {

    private final ReactiveMongoClient client;
    private final String database;

    ReadModelStore(ReactiveMongoClient client, ReadApiConfig config) {
        this.client = client;
        this.database = config.database();
    }

    /** A collection of the read-model database, documents as plain BSON documents. */
    public ReactiveMongoCollection<Document> collection(String name) {
        return client.getDatabase(database).getCollection(name);
    }

    /** The names of the read-model database's collections. */
    public Uni<List<String>> collectionNames() {
        return client.getDatabase(database).listCollectionNames().collect().asList();
    }
}
