package io.readmodel.core.definition;

import java.util.List;

/**
 * One test on a source row's column.
 *
 * @param column the column
 * @param operator the test
 * @param values the operand(s): one for comparisons, any number for {@code IN}/{@code NOT_IN}, none for null tests
 */
public record Condition(String column, Operator operator, List<Object> values) {

    public Condition {
        values = values == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    /** The tests a condition can make. */
    public enum Operator {
        /** Equal to the value. */
        EQ,
        /** Not equal to the value (null never matches, as in SQL). */
        NE,
        /** One of the values. */
        IN,
        /** None of the values (null never matches). */
        NOT_IN,
        /** Greater than. */
        GT,
        /** Greater than or equal. */
        GTE,
        /** Less than. */
        LT,
        /** Less than or equal. */
        LTE,
        /** The column is null. */
        IS_NULL,
        /** The column is not null. */
        NOT_NULL
    }
}
