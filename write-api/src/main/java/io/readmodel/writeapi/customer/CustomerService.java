package io.readmodel.writeapi.customer;

import io.readmodel.writeapi.command.CommandAnswer;
import io.readmodel.writeapi.command.EntityId;
import io.readmodel.writeapi.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Customer commands, each run inside the transaction it is given. */
@ApplicationScoped
public class CustomerService {

    private static final String INSERT = "INSERT INTO customers (name, email, city) VALUES ($1, $2, $3) RETURNING id";
    private static final String PATCH = "UPDATE customers SET name = COALESCE($2, name), email = COALESCE($3, email), "
            + "city = COALESCE($4, city) WHERE id = $1 RETURNING id";

    /** Inserts the customer; answers 201 with its id. */
    public Uni<CommandAnswer> register(SqlConnection connection, RegisterCustomer command) {
        return connection.preparedQuery(INSERT)
                .execute(Tuple.of(command.name(), command.email(), command.city()))
                .map(rows -> rows.iterator().next().getLong("id"))
                .map(id -> CommandAnswer.created("/customers/" + id, new EntityId(id)));
    }

    /** Applies the given fields; 404 when there is no such customer, 422 when the patch is empty. */
    public Uni<CommandAnswer> change(SqlConnection connection, long id, ChangeCustomerDetails patch) {
        if (patch.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.unprocessable("empty-patch", "Empty patch",
                    "the patch changes nothing: give at least one of name, email, city"));
        }
        return connection.preparedQuery(PATCH)
                .execute(Tuple.of(id, patch.name(), patch.email(), patch.city()))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("there is no customer " + id);
                    }
                    return CommandAnswer.ok(new EntityId(id));
                });
    }
}
