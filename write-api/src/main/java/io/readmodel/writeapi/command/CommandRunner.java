package io.readmodel.writeapi.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readmodel.core.position.ConsistencyToken;
import io.readmodel.writeapi.idempotency.IdempotencyKeys;
import io.readmodel.writeapi.idempotency.RequestFingerprint;
import io.readmodel.writeapi.idempotency.StoredAnswer;
import io.readmodel.writeapi.token.ConsistencyTokens;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;

/**
 * Runs every command the same way: one transaction that claims the idempotency key (if any), does the work and
 * stores the answer; after the commit, a fresh consistency token; then the HTTP answer. A failure anywhere in
 * the transaction rolls all of it back, the key included.
 */
@ApplicationScoped
public class CommandRunner {

    /** Set to {@code true} on an answer replayed for a repeated {@code Idempotency-Key}. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final Pool pool;
    private final IdempotencyKeys idempotencyKeys;
    private final ConsistencyTokens tokens;
    private final CommandMetrics metrics;
    private final ObjectMapper mapper;

    CommandRunner(Pool pool, IdempotencyKeys idempotencyKeys, ConsistencyTokens tokens, CommandMetrics metrics,
            ObjectMapper mapper) {
        this.pool = pool;
        this.idempotencyKeys = idempotencyKeys;
        this.tokens = tokens;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    /**
     * Runs a command.
     *
     * @param command what was asked
     * @param work the command's statements, given the transaction's connection
     */
    public Uni<Response> run(Command command, Function<SqlConnection, Uni<CommandAnswer>> work) {
        return Uni.createFrom().item(() -> fingerprint(command))
                .chain(fingerprint -> pool.withTransaction(connection -> execute(connection, command, fingerprint, work)))
                .chain(outcome -> tokens.next().map(token -> respond(outcome, token)))
                .invoke(response -> metrics.succeeded(command.name(), response.getHeaders().containsKey(REPLAYED_HEADER)))
                .onFailure().invoke(failure -> metrics.failed(command.name(), failure));
    }

    private Uni<Outcome> execute(SqlConnection connection, Command command, String fingerprint,
            Function<SqlConnection, Uni<CommandAnswer>> work) {
        String key = command.idempotencyKey();
        Uni<CommandAnswer> doWork = Uni.createFrom().deferred(() -> work.apply(connection));
        if (key == null) {
            return doWork.map(answer -> new Outcome(store(answer), false));
        }
        return idempotencyKeys.claim(connection, key, fingerprint)
                .chain(previous -> previous.isPresent()
                        ? Uni.createFrom().item(new Outcome(previous.get(), true))
                        : doWork
                                .map(this::store)
                                .call(answer -> idempotencyKeys.remember(connection, key, answer))
                                .map(answer -> new Outcome(answer, false)));
    }

    private String fingerprint(Command command) {
        if (command.idempotencyKey() == null) {
            return null;
        }
        idempotencyKeys.validate(command.idempotencyKey());
        return RequestFingerprint.of(command.method(), command.path(), json(command.payload()));
    }

    private StoredAnswer store(CommandAnswer answer) {
        return new StoredAnswer(answer.status(), json(answer.body()), answer.location());
    }

    private static Response respond(Outcome outcome, ConsistencyToken token) {
        StoredAnswer answer = outcome.answer();
        Response.ResponseBuilder response = Response.status(answer.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(answer.body())
                .header(ConsistencyToken.RESPONSE_HEADER, token.toString());
        if (answer.location() != null) {
            response.header("Location", answer.location());
        }
        if (outcome.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private record Outcome(StoredAnswer answer, boolean replayed) {
    }
}
