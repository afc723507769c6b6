package io.readmodel.bridge.deadletter;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.readmodel.bridge.config.BridgeConfig;
import io.readmodel.bridge.store.StoredValues;
import io.readmodel.core.change.RowChange;
import io.readmodel.core.change.RowKey;
import io.readmodel.core.position.Position;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/** Dead letters in MongoDB ({@value #COLLECTION}), beside the read models. */
@ApplicationScoped
public class DeadLetterStore {

    /** The collection. */
    public static final String COLLECTION = "dead_letters";

    private final MongoCollection<Document> letters;

    DeadLetterStore(MongoClient mongo, BridgeConfig config) {
        this.letters = mongo.getDatabase(config.database()).getCollection(COLLECTION);
    }

    /** Keeps a change that could not be projected. */
    public void add(RowChange change, Throwable error) {
        letters.insertOne(new Document("row", change.row().toString())
                .append("operation", change.operation().name())
                .append("position", change.position().toString())
                .append("commitTime", change.commitTime() == null ? null : Date.from(change.commitTime()))
                .append("values", change.values() == null ? null : new Document(change.values()))
                .append("unavailable", List.copyOf(change.unavailableColumns()))
                .append("error", describe(error))
                .append("failedAt", new Date())
                .append("attempts", 1)
                .append("retryable", true));
    }

    /** Keeps a record that could not even be read. */
    public void addUnreadable(String record, Throwable error) {
        letters.insertOne(new Document("event", record).append("error", describe(error)).append("failedAt", new Date())
                .append("attempts", 1).append("retryable", false));
    }

    /** The oldest dead letters first. */
    public List<DeadLetter> list(int limit) {
        List<DeadLetter> found = new ArrayList<>();
        for (Document letter : letters.find().sort(Sorts.ascending("_id")).limit(limit)) {
            found.add(toDeadLetter(letter));
        }
        return found;
    }

    /** How many there are. */
    public long count() {
        return letters.countDocuments();
    }

    /** The change a retryable dead letter holds. */
    public Optional<RowChange> change(String id) {
        Document letter = find(id);
        if (letter == null || !letter.getBoolean("retryable", false)) {
            return Optional.empty();
        }
        Document values = letter.get("values", Document.class);
        Date commitTime = letter.getDate("commitTime");
        return Optional.of(new RowChange(RowKey.parse(letter.getString("row")), RowChange.Operation.valueOf(letter.getString("operation")),
                values == null ? null : canonical(values), new HashSet<>(letter.getList("unavailable", String.class)),
                Position.parse(letter.getString("position")), commitTime == null ? null : commitTime.toInstant()));
    }

    /** Whether one exists. */
    public boolean exists(String id) {
        return find(id) != null;
    }

    /** Records another failed attempt. */
    public void failedAgain(String id, Throwable error) {
        letters.updateOne(Filters.eq("_id", objectId(id)), Updates.combine(Updates.inc("attempts", 1), Updates.set("error", describe(error))));
    }

    /** Removes one. */
    public boolean remove(String id) {
        return letters.deleteOne(Filters.eq("_id", objectId(id))).getDeletedCount() > 0;
    }

    /** Removes all; returns how many. */
    public long removeAll() {
        return letters.deleteMany(new Document()).getDeletedCount();
    }

    /** The ids of every dead letter, oldest first. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        letters.find().sort(Sorts.ascending("_id")).projection(new Document("_id", 1)).forEach(letter -> ids.add(letter.getObjectId("_id").toHexString()));
        return ids;
    }

    private Document find(String id) {
        return letters.find(Filters.eq("_id", objectId(id))).first();
    }

    private static ObjectId objectId(String id) {
        if (!ObjectId.isValid(id)) {
            throw new IllegalArgumentException("not a dead-letter id: " + id);
        }
        return new ObjectId(id);
    }

    private static DeadLetter toDeadLetter(Document letter) {
        Document values = letter.get("values", Document.class);
        String event = letter.containsKey("event") ? letter.getString("event") : values == null ? null : values.toJson();
        return new DeadLetter(letter.getObjectId("_id").toHexString(), letter.getString("row"), letter.getString("operation"),
                letter.getString("position"), event, letter.getString("error"), letter.getDate("failedAt").toInstant(),
                letter.getInteger("attempts", 1), letter.getBoolean("retryable", false));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> canonical(Document values) {
        return (Map<String, Object>) StoredValues.canonical(values);
    }

    private static String describe(Throwable error) {
        StringWriter text = new StringWriter();
        text.append(error.toString());
        StackTraceElement[] trace = error.getStackTrace();
        for (int i = 0; i < Math.min(3, trace.length); i++) {
            text.append("\n  at ").append(trace[i].toString());
        }
        return text.toString();
    }
}
