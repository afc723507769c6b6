package io.readmodel.writeapi.problem;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Classifies failures that did not start as a {@link ProblemException}: PostgreSQL errors by SQLSTATE, and a
 * database that cannot be reached. Constraints are the last line of defence behind the services' own checks,
 * so their SQLSTATEs map to client errors, never to a 500.
 */
public final class Failures {

    private Failures() {
    }

    /** The problem a failure stands for, or empty when it is an unexpected server error. */
    public static Optional<ProblemException> classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return Optional.of(problem);
            }
            if (cause instanceof PgException pg) {
                return fromSqlState(pg);
            }
            if (isUnreachable(cause)) {
                return Optional.of(ProblemException.unavailable("the database cannot be reached; retry later"));
            }
        }
        return Optional.empty();
    }

    /** Whether the failure is a PostgreSQL error with the given SQLSTATE. */
    public static boolean hasSqlState(Throwable failure, String sqlState) {
        return failure instanceof PgException pg && sqlState.equals(pg.getSqlState());
    }

    /**
     * A database that cannot be reached, or whose connection broke mid-command ({@link SocketException} covers a
     * refused connection and a reset one: PostgreSQL restarting under load resets the pool's connections).
     */
    private static boolean isUnreachable(Throwable cause) {
        return cause instanceof SocketException || cause instanceof ClosedConnectionException
                || cause instanceof NoRouteToHostException || cause instanceof UnknownHostException
                || (cause.getMessage() != null && cause.getMessage().contains("Connection refused"));
    }

    private static Optional<ProblemException> fromSqlState(PgException pg) {
        String state = pg.getSqlState() == null ? "" : pg.getSqlState();
        String detail = describe(pg);
        return switch (state) {
            case "23505" -> Optional.of(ProblemException.conflict("unique-violation", "Already exists", detail));
            case "23503" -> Optional.of(ProblemException.unprocessable("reference-violation", "Unknown reference", detail));
            case "23514", "23502" -> Optional.of(ProblemException.unprocessable("constraint-violation", "Constraint violated", detail));
            case "40001", "40P01", "55P03" -> Optional.of(new ProblemException(503, "concurrent-update",
                    "Concurrent update", "the command collided with a concurrent one and was rolled back; retry it", null));
            default -> {
                if (state.startsWith("22")) {
                    yield Optional.of(ProblemException.unprocessable("invalid-value", "Invalid value", detail));
                }
                if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")) {
                    yield Optional.of(ProblemException.unavailable("the database is unavailable (SQLSTATE " + state + "); retry later"));
                }
                yield Optional.empty();
            }
        };
    }

    private static String describe(PgException pg) {
        String message = pg.getErrorMessage() == null ? "the database rejected the command" : pg.getErrorMessage();
        return pg.getDetail() == null ? message : message + ": " + pg.getDetail();
    }
}
