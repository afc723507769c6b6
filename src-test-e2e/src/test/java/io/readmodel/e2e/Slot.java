package io.readmodel.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import org.bson.Document;
import org.bson.types.Binary;

/** The replication slot as PostgreSQL sees it, and the offsets the bridge stored in MongoDB. */
final class Slot {

    /** A look at the slot: its confirmed flush position and the server's current WAL position (bytes), its consumer. */
    record State(long confirmedFlush, long currentWal, Integer activePid) {
        long retained() {
            return currentWal - confirmedFlush;
        }
    }

    private Slot() {
    }

    static State state(Pipeline pipeline, String slot) throws SQLException {
        try (Connection connection = pipeline.sql(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT pg_wal_lsn_diff(confirmed_flush_lsn, '0/0')::bigint,"
                        + " pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint, active_pid FROM pg_replication_slots WHERE slot_name = '"
                        + slot + "'")) {
            if (!result.next()) {
                throw new IllegalStateException("no slot " + slot);
            }
            return new State(result.getLong(1), result.getLong(2), (Integer) result.getObject(3));
        }
    }

    /** The server's current WAL position (bytes). */
    static long currentWal(Pipeline pipeline) throws SQLException {
        try (Connection connection = pipeline.sql(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")) {
            result.next();
            return result.getLong(1);
        }
    }

    /**
     * The highest LSN in the Debezium offsets the bridge stored in MongoDB ({@code lsn}, {@code lsn_proc},
     * {@code lsn_commit}; Debezium flushes {@code lsn_commit}, else {@code lsn_proc}, to the slot), or empty when none
     * is stored yet.
     */
    static OptionalLong storedOffsetLsn(Pipeline pipeline) {
        try (MongoClient client = MongoClients.create(pipeline.mongoUri + "/?serverSelectionTimeoutMS=5000")) {
            long highest = -1;
            for (Document stored : client.getDatabase("readmodel").getCollection("offsets").find()) {
                JsonNode offset = json(new String(stored.get("value", Binary.class).getData(), StandardCharsets.UTF_8));
                for (String key : new String[] {"lsn", "lsn_proc", "lsn_commit"}) {
                    if (offset.hasNonNull(key)) {
                        highest = Math.max(highest, offset.get(key).asLong());
                    }
                }
            }
            return highest < 0 ? OptionalLong.empty() : OptionalLong.of(highest);
        }
    }

    /**
     * The lowest applied LSN among the projections' checkpoints in MongoDB: the bridge writes a checkpoint only after
     * the MongoDB writes of the changes it covers were acknowledged, and marks records processed (so that the
     * slot may be confirmed) only after that. Empty when there is no checkpoint yet.
     */
    static OptionalLong appliedLsn(Pipeline pipeline) {
        try (MongoClient client = MongoClients.create(pipeline.mongoUri + "/?serverSelectionTimeoutMS=5000")) {
            long lowest = Long.MAX_VALUE;
            for (Document checkpoint : client.getDatabase("readmodel").getCollection("checkpoints").find()) {
                lowest = Math.min(lowest, ((Number) checkpoint.get("appliedLsnValue")).longValue());
            }
            return lowest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(lowest);
        }
    }

    /** An LSN in PostgreSQL's notation. */
    static String lsn(long value) {
        return Long.toHexString(value >>> 32).toUpperCase() + "/" + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase();
    }

    private static JsonNode json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("offset value is not JSON: " + text, e);
        }
    }
}
