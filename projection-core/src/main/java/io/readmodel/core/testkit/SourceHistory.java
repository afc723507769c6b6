package io.readmodel.core.testkit;

import io.readmodel.core.change.RowChange;
import io.readmodel.core.change.RowChange.Operation;
import io.readmodel.core.change.RowKey;
import io.readmodel.core.position.Position;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes a source history the way PostgreSQL's log delivers it: transactions in commit order, each change with
 * a position. Rows are keyed by their {@code id} column.
 */
public final class SourceHistory {

    private final List<RowChange> changes = new ArrayList<>();
    private long commitLsn = 0x1000;
    private Instant clock = Instant.parse("2026-01-01T00:00:00Z");

    /** Commits one transaction. */
    public SourceHistory commit(Consumer<Transaction> body) {
        commitLsn += 0x100;
        clock = clock.plusMillis(10);
        body.accept(new Transaction(commitLsn, clock));
        return this;
    }

    /** Every change so far, in commit order. */
    public List<RowChange> changes() {
        return List.copyOf(changes);
    }

    /** A row from alternating column names and values. */
    public static Map<String, Object> row(Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }

    /** The changes of one transaction. */
    public final class Transaction {
        private final long lsn;
        private final Instant commitTime;
        private long sequence;

        private Transaction(long lsn, Instant commitTime) {
            this.lsn = lsn;
            this.commitTime = commitTime;
        }

        /** Inserts a row. */
        public Transaction insert(String table, Map<String, Object> row) {
            return add(table, row.get("id"), Operation.CREATE, row, Set.of());
        }

        /** Updates a row (all columns given). */
        public Transaction update(String table, Map<String, Object> row) {
            return add(table, row.get("id"), Operation.UPDATE, row, Set.of());
        }

        /** Updates a row whose listed columns were left out by the log (unchanged TOASTed values). */
        public Transaction updateWithout(String table, Map<String, Object> row, Set<String> unavailable) {
            return add(table, row.get("id"), Operation.UPDATE, row, unavailable);
        }

        /** Deletes a row. */
        public Transaction delete(String table, Object id) {
            return add(table, id, Operation.DELETE, null, Set.of());
        }

        private Transaction add(String table, Object id, Operation operation, Map<String, Object> row, Set<String> unavailable) {
            changes.add(new RowChange(RowKey.of(table, id), operation, row, unavailable,
                    Position.of(lsn, ++sequence), commitTime));
            return this;
        }
    }
}
