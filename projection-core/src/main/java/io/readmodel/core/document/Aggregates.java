package io.readmodel.core.document;

import io.readmodel.core.definition.AggregateDefinition;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Folds child rows into aggregates: exact sums, extremes, the latest value. A change of one row (its version
 * before and after) is folded in without the other rows; only when the row holding an extreme or the latest
 * value loses it does the fold report that the aggregate must be recomputed from all rows. Computing from all
 * rows is folding each of them into {@link Accumulator#EMPTY}, so both ways give the same value.
 */
public final class Aggregates {

    private Aggregates() {
    }

    /** The aggregate over these rows (each a row's values). */
    public static Accumulator compute(AggregateDefinition aggregate, Collection<Map<String, Object>> rows, String keyColumn) {
        Accumulator accumulator = Accumulator.EMPTY;
        for (Map<String, Object> row : rows) {
            accumulator = fold(aggregate, accumulator, keyColumn, null, row).orElseThrow();
        }
        return accumulator;
    }

    /**
     * Folds one row's change into an aggregate.
     *
     * @param before the row's values before (null when it was absent or deleted)
     * @param after the row's values after (null when it is deleted or left)
     * @return the new state, or empty when it must be recomputed from all rows
     */
    public static Optional<Accumulator> fold(AggregateDefinition aggregate, Accumulator current, String keyColumn,
            Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> out = contributes(aggregate, before) ? before : null;
        Map<String, Object> in = contributes(aggregate, after) ? after : null;
        if (out == null && in == null) {
            return Optional.of(current);
        }
        long count = current.count() - (out == null ? 0 : 1) + (in == null ? 0 : 1);
        if (count == 0) {
            return Optional.of(Accumulator.EMPTY);
        }
        return switch (aggregate.function()) {
            case COUNT -> Optional.of(new Accumulator(count, null, null, null));
            case SUM -> Optional.of(new Accumulator(count, add(subtract(current.value(), out, aggregate.column()),
                    in == null ? null : in.get(aggregate.column())), null, null));
            case MIN, MAX -> extreme(aggregate, current, count, out, in);
            case LATEST -> latest(aggregate, current, count, keyColumn, out, in);
        };
    }

    /** The value clients see. */
    public static Object value(AggregateDefinition aggregate, Accumulator accumulator) {
        return switch (aggregate.function()) {
            case COUNT -> accumulator.count();
            case SUM -> accumulator.count() == 0 || accumulator.value() == null ? (Object) 0L : accumulator.value();
            case MIN, MAX, LATEST -> accumulator.count() == 0 ? null : accumulator.value();
        };
    }

    private static boolean contributes(AggregateDefinition aggregate, Map<String, Object> row) {
        if (row == null || !aggregate.filter().matches(row)) {
            return false;
        }
        return switch (aggregate.function()) {
            case COUNT, LATEST -> true;
            case SUM -> row.get(aggregate.column()) instanceof Number;
            case MIN, MAX -> row.get(aggregate.column()) != null;
        };
    }

    private static Optional<Accumulator> extreme(AggregateDefinition aggregate, Accumulator current, long count,
            Map<String, Object> out, Map<String, Object> in) {
        int sign = aggregate.function() == AggregateDefinition.Function.MAX ? 1 : -1;
        Object best = current.value();
        Object incoming = in == null ? null : in.get(aggregate.column());
        if (out != null && Values.compare(out.get(aggregate.column()), best) == 0) {
            // the row that held the extreme changed: it keeps it only if its new value is at least as extreme
            if (in != null && sign * Values.compare(incoming, best) >= 0) {
                return Optional.of(new Accumulator(count, incoming, null, null));
            }
            return Optional.empty();
        }
        if (in != null && (current.count() == 0 || sign * Values.compare(incoming, best) > 0)) {
            best = incoming;
        }
        return Optional.of(new Accumulator(count, best, null, null));
    }

    private static Optional<Accumulator> latest(AggregateDefinition aggregate, Accumulator current, long count,
            String keyColumn, Map<String, Object> out, Map<String, Object> in) {
        boolean outWasLatest = out != null && current.count() > 0
                && Values.compare(out.get(aggregate.orderBy()), current.order()) == 0
                && Values.compare(out.get(keyColumn), current.key()) == 0;
        boolean inIsLater = in != null && (current.count() == 0 || isLater(in, aggregate.orderBy(), keyColumn, current));
        if (outWasLatest) {
            // the same row: it stays latest if its order did not go down
            if (in != null && Values.compare(in.get(aggregate.orderBy()), current.order()) >= 0) {
                return Optional.of(latestOf(count, in, aggregate, keyColumn));
            }
            return Optional.empty();
        }
        return Optional.of(inIsLater ? latestOf(count, in, aggregate, keyColumn)
                : new Accumulator(count, current.value(), current.order(), current.key()));
    }

    private static boolean isLater(Map<String, Object> row, String orderBy, String keyColumn, Accumulator current) {
        int byOrder = Values.compare(row.get(orderBy), current.order());
        return byOrder != 0 ? byOrder > 0 : Values.compare(row.get(keyColumn), current.key()) > 0;
    }

    private static Accumulator latestOf(long count, Map<String, Object> row, AggregateDefinition aggregate, String keyColumn) {
        return new Accumulator(count, row.get(aggregate.column()), row.get(aggregate.orderBy()), row.get(keyColumn));
    }

    /** Integers sum to a 64-bit integer, anything else to an exact decimal. */
    private static Object add(Object sum, Object value) {
        if (value == null) {
            return sum;
        }
        if (isIntegral(sum) && isIntegral(value)) {
            return Math.addExact(sum == null ? 0L : ((Number) sum).longValue(), ((Number) value).longValue());
        }
        return decimal(sum).add(decimal(value));
    }

    private static Object subtract(Object sum, Map<String, Object> out, String column) {
        if (out == null) {
            return sum;
        }
        Object value = out.get(column);
        if (isIntegral(sum) && isIntegral(value)) {
            return Math.subtractExact(sum == null ? 0L : ((Number) sum).longValue(), ((Number) value).longValue());
        }
        return decimal(sum).subtract(decimal(value));
    }

    private static boolean isIntegral(Object value) {
        return value == null || value instanceof Integer || value instanceof Long || value instanceof Short;
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? BigDecimal.ZERO : value instanceof BigDecimal exact ? exact : new BigDecimal(value.toString());
    }
}
