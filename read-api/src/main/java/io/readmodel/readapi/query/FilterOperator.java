package io.readmodel.readapi.query;

import java.util.Locale;
import java.util.Optional;

/** The comparison of a {@code filter} parameter, and the MongoDB query operator it becomes. */
public enum FilterOperator {
    /** Equal. */
    EQ("$eq"),
    /** Not equal (also met by a document without the field). */
    NE("$ne"),
    /** Greater than. */
    GT("$gt"),
    /** Greater than or equal. */
    GTE("$gte"),
    /** Less than. */
    LT("$lt"),
    /** Less than or equal. */
    LTE("$lte"),
    /** Equal to one of several operands. */
    IN("$in");

    private final String mongo;

    FilterOperator(String mongo) {
        this.mongo = mongo;
    }

    /** The MongoDB query operator. */
    public String mongo() {
        return mongo;
    }

    /** The operator named in a {@code filter} parameter ({@code eq}, {@code gte}, ...). */
    public static Optional<FilterOperator> named(String name) {
        for (FilterOperator operator : values()) {
            if (operator.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }
}
