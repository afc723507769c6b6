package io.readmodel.writeapi.idempotency;

import io.readmodel.writeapi.WriteApiConfig;
import io.readmodel.writeapi.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The {@code idempotency_keys} table, used inside a command's own transaction. Claiming a key inserts its row
 * first: a concurrent request with the same key blocks on that row until the first transaction ends, then
 * either sees the stored answer (commit) or claims the key itself (rollback, e.g. after a client error).
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final String CLAIM = "INSERT INTO idempotency_keys (key, request_hash, status, body) "
            + "VALUES ($1, $2, 0, '') ON CONFLICT (key) DO NOTHING RETURNING key";
    private static final String FIND = "SELECT request_hash, status, body, location FROM idempotency_keys WHERE key = $1";
    private static final String REMEMBER = "UPDATE idempotency_keys SET status = $2, body = $3, location = $4 WHERE key = $1";

    private final WriteApiConfig config;

    IdempotencyKeys(WriteApiConfig config) {
        this.config = config;
    }

    /**
     * Rejects a key that cannot be stored.
     *
     * @throws ProblemException 400 when the key is empty, too long or holds control characters
     */
    public void validate(String key) {
        int max = Math.min(config.idempotency().maxKeyLength(), 200);
        if (key.isEmpty() || key.length() > max || key.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("invalid-idempotency-key",
                    "Idempotency-Key must be 1 to " + max + " printable characters");
        }
    }

    /**
     * Claims a key for this transaction.
     *
     * @return empty when the key is new and now ours; the first answer when the same request already ran
     * @throws ProblemException 422 when the key was used for a different request
     */
    public Uni<Optional<StoredAnswer>> claim(SqlConnection connection, String key, String fingerprint) {
        return connection.preparedQuery(CLAIM).execute(Tuple.of(key, fingerprint))
                .flatMap(claimed -> claimed.rowCount() == 1
                        ? Uni.createFrom().item(Optional.<StoredAnswer>empty())
                        : previousAnswer(connection, key, fingerprint).map(Optional::of));
    }

    /** Stores the answer given to the request that claimed the key. */
    public Uni<Void> remember(SqlConnection connection, String key, StoredAnswer answer) {
        return connection.preparedQuery(REMEMBER)
                .execute(Tuple.of(key, answer.status(), answer.body(), answer.location()))
                .replaceWithVoid();
    }

    private Uni<StoredAnswer> previousAnswer(SqlConnection connection, String key, String fingerprint) {
        return connection.preparedQuery(FIND).execute(Tuple.of(key))
                .map(rows -> toAnswer(rows, key, fingerprint));
    }

    private static StoredAnswer toAnswer(RowSet<Row> rows, String key, String fingerprint) {
        Row row = rows.iterator().next();
        if (!fingerprint.equals(row.getString("request_hash"))) {
            throw ProblemException.unprocessable("idempotency-key-reused", "Idempotency key reused",
                    "Idempotency-Key '" + key + "' was already used for a different request; use a new key");
        }
        return new StoredAnswer(row.getInteger("status"), row.getString("body"), row.getString("location"));
    }
}
