package io.readmodel.writeapi.product;

import io.readmodel.writeapi.command.CommandAnswer;
import io.readmodel.writeapi.command.EntityId;
import io.readmodel.writeapi.problem.Failures;
import io.readmodel.writeapi.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Product commands, each run inside the transaction it is given. */
@ApplicationScoped
public class ProductService {

    private static final String INSERT = "INSERT INTO products (sku, name, price_cents, stock) VALUES ($1, $2, $3, $4) "
            + "RETURNING id";
    private static final String PATCH = "UPDATE products SET name = COALESCE($2, name), "
            + "price_cents = COALESCE($3, price_cents) WHERE id = $1 RETURNING id";
    private static final String ADJUST = "UPDATE products SET stock = stock + $2 WHERE id = $1 AND stock + $2 >= 0 "
            + "RETURNING stock";
    private static final String STOCK = "SELECT stock FROM products WHERE id = $1";

    /** Inserts the product; 409 when its sku is taken. */
    public Uni<CommandAnswer> add(SqlConnection connection, AddProduct command) {
        return connection.preparedQuery(INSERT)
                .execute(Tuple.of(command.sku(), command.name(), command.priceCents(), command.stock()))
                .map(rows -> rows.iterator().next().getLong("id"))
                .map(id -> CommandAnswer.created("/products/" + id, new EntityId(id)))
                .onFailure(failure -> Failures.hasSqlState(failure, "23505")).transform(failure ->
                        ProblemException.conflict("duplicate-sku", "Duplicate sku",
                                "a product with sku '" + command.sku() + "' already exists"));
    }

    /** Applies the given fields; 404 when there is no such product, 422 when the patch is empty. */
    public Uni<CommandAnswer> change(SqlConnection connection, long id, ChangeProduct patch) {
        if (patch.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.unprocessable("empty-patch", "Empty patch",
                    "the patch changes nothing: give at least one of name, priceCents"));
        }
        return connection.preparedQuery(PATCH)
                .execute(Tuple.of(id, patch.name(), patch.priceCents()))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("there is no product " + id);
                    }
                    return CommandAnswer.ok(new EntityId(id));
                });
    }

    /** Adds the delta to the stock; 404 when there is no such product, 409 when stock would go negative. */
    public Uni<CommandAnswer> adjustStock(SqlConnection connection, long id, AdjustStock command) {
        if (command.delta() == 0) {
            return Uni.createFrom().failure(ProblemException.unprocessable("empty-adjustment", "Empty adjustment",
                    "delta must not be 0"));
        }
        return connection.preparedQuery(ADJUST)
                .execute(Tuple.of(id, command.delta()))
                .chain(rows -> rows.rowCount() == 1
                        ? Uni.createFrom().item(CommandAnswer.ok(new StockLevel(id, rows.iterator().next().getInteger("stock"))))
                        : explainRefusedAdjustment(connection, id, command.delta()));
    }

    private Uni<CommandAnswer> explainRefusedAdjustment(SqlConnection connection, long id, int delta) {
        return connection.preparedQuery(STOCK).execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("there is no product " + id);
                    }
                    int stock = rows.iterator().next().getInteger("stock");
                    throw ProblemException.conflict("insufficient-stock", "Insufficient stock",
                            "product " + id + " has " + stock + " in stock; removing " + (-delta) + " would make it negative");
                });
    }
}
