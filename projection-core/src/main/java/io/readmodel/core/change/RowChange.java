package io.readmodel.core.change;

import io.readmodel.core.position.Position;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A row change read from the source's log: what the projection engine consumes.
 *
 * @param row the row
 * @param operation what happened
 * @param values the row after the change ({@code null} for a delete); columns whose value the log did not carry
 *     (unchanged TOASTed values) are listed in {@code unavailableColumns} and absent here
 * @param unavailableColumns columns whose unchanged value the source did not send
 * @param position the change's position in commit order
 * @param commitTime the source commit time of its transaction
 */
public record RowChange(RowKey row, Operation operation, Map<String, Object> values, Set<String> unavailableColumns,
        Position position, Instant commitTime) {

    /** The kind of change. */
    public enum Operation {
        /** A row read by the initial snapshot. */
        READ,
        /** An insert. */
        CREATE,
        /** An update. */
        UPDATE,
        /** A delete. */
        DELETE
    }

    public RowChange {
        unavailableColumns = unavailableColumns == null ? Set.of() : Set.copyOf(unavailableColumns);
        if ((operation == Operation.DELETE) != (values == null)) {
            throw new IllegalArgumentException("a delete has no values and every other change has: " + row);
        }
    }

    /** Whether this change deletes the row. */
    public boolean isDelete() {
        return operation == Operation.DELETE;
    }
}
