package io.readmodel.bridge.health;

import com.mongodb.client.MongoClient;
import io.readmodel.bridge.config.BridgeConfig;
import io.readmodel.bridge.stream.ChangeStream;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the replication stream is connected and MongoDB answers. */
@Readiness
@ApplicationScoped
public class StreamReadiness implements HealthCheck {

    private final ChangeStream stream;
    private final MongoClient mongo;
    private final BridgeConfig config;

    StreamReadiness(ChangeStream stream, MongoClient mongo, BridgeConfig config) {
        this.stream = stream;
        this.mongo = mongo;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("change-stream").withData("streaming", stream.isStreaming());
        boolean mongoUp;
        try {
            mongo.getDatabase(config.database()).runCommand(new Document("ping", 1));
            mongoUp = true;
        } catch (RuntimeException e) {
            mongoUp = false;
        }
        response.withData("mongodb", mongoUp);
        if (stream.lastError() != null) {
            response.withData("lastError", stream.lastError());
        }
        return response.status(stream.isStreaming() && mongoUp).build();
    }
}
