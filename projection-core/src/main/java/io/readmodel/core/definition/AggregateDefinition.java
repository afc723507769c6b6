package io.readmodel.core.definition;

/**
 * A value computed over a child table's rows of a document (order count, lifetime value, last order time). It is
 * a pure function of the document's components, so replaying changes cannot count anything twice.
 *
 * @param field the document field
 * @param function what is computed
 * @param table the child table (declared among the projection's children, embedded or not)
 * @param column the column summed, compared or taken ({@code null} for {@code COUNT})
 * @param orderBy for {@code LATEST}: the column deciding which row is latest
 * @param filter which child rows count
 */
public record AggregateDefinition(String field, Function function, String table, String column, String orderBy,
        RowFilter filter) {

    public AggregateDefinition {
        filter = filter == null ? RowFilter.ALL : filter;
    }

    /** Aggregate functions. */
    public enum Function {
        /** Number of rows. */
        COUNT,
        /** Sum of the column (exact; 0 when there are no rows). */
        SUM,
        /** Smallest value (null when there are no rows). */
        MIN,
        /** Largest value (null when there are no rows). */
        MAX,
        /** The column of the row with the largest {@code orderBy} (null when there are no rows). */
        LATEST
    }
}
