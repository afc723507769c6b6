package io.readmodel.writeapi.token;

import io.readmodel.core.position.ConsistencyToken;
import io.readmodel.writeapi.WriteApiConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hands out consistency tokens. Called after a command's transaction has committed: it writes a
 * non-transactional logical message, whose LSN lies past that commit, and the bridge sees that very message
 * in the replication stream, so a reader waiting for the token is released promptly even when nothing else is
 * written (see {@code docs/contracts.md}).
 */
@ApplicationScoped
public class ConsistencyTokens {

    private static final String EMIT = "SELECT pg_logical_emit_message(false, $1::text, '')::text";

    private final Pool pool;
    private final WriteApiConfig config;

    ConsistencyTokens(Pool pool, WriteApiConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** A token at or after every commit that completed before this call. */
    public Uni<ConsistencyToken> next() {
        return pool.preparedQuery(EMIT)
                .execute(Tuple.of(config.token().messagePrefix()))
                .map(rows -> ConsistencyToken.parse(rows.iterator().next().getString(0)));
    }
}
