package io.readmodel.core.document;

import io.readmodel.core.definition.AggregateDefinition;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Computes aggregates over child rows: exact sums, extremes, the latest value. */
final class Aggregates {

    private Aggregates() {
    }

    static Object compute(AggregateDefinition aggregate, List<Map<String, Object>> rows, String keyColumn) {
        return switch (aggregate.function()) {
            case COUNT -> (long) rows.size();
            case SUM -> sum(rows, aggregate.column());
            case MIN -> rows.stream().map(row -> row.get(aggregate.column())).filter(value -> value != null)
                    .min(Values::compare).orElse(null);
            case MAX -> rows.stream().map(row -> row.get(aggregate.column())).filter(value -> value != null)
                    .max(Values::compare).orElse(null);
            case LATEST -> rows.stream()
                    .max((a, b) -> {
                        int byOrder = Values.compare(a.get(aggregate.orderBy()), b.get(aggregate.orderBy()));
                        return byOrder != 0 ? byOrder : Values.compare(a.get(keyColumn), b.get(keyColumn));
                    })
                    .map(row -> row.get(aggregate.column())).orElse(null);
        };
    }

    /** Integers sum to a 64-bit integer, anything else to an exact decimal; no rows sum to 0. */
    private static Object sum(List<Map<String, Object>> rows, String column) {
        long integral = 0;
        BigDecimal exact = null;
        for (Map<String, Object> row : rows) {
            Object value = row.get(column);
            if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                integral = Math.addExact(integral, ((Number) value).longValue());
            } else if (value instanceof Number number) {
                exact = (exact == null ? BigDecimal.ZERO : exact).add(new BigDecimal(number.toString()));
            }
        }
        return exact == null ? (Object) integral : exact.add(BigDecimal.valueOf(integral));
    }
}
