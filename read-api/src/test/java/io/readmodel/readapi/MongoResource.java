package io.readmodel.readapi;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.readmodel.infra.MongoStandIn;
import java.util.Map;

/** Starts the in-memory MongoDB stand-in for the tests that declare it, and stops it after them. */
public class MongoResource implements QuarkusTestResourceLifecycleManager {

    private MongoStandIn standIn;

    @Override
    public Map<String, String> start() {
        standIn = MongoStandIn.startInMemory();
        return Map.of("quarkus.mongodb.connection-string", standIn.connectionString());
    }

    @Override
    public void stop() {
        if (standIn != null) {
            standIn.close();
            standIn = null;
        }
    }
}
