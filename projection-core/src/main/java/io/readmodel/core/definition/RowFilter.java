package io.readmodel.core.definition;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Conditions a row must all meet (AND). The empty filter accepts every row.
 *
 * @param conditions the conditions
 */
public record RowFilter(List<Condition> conditions) {

    /** Accepts everything. */
    public static final RowFilter ALL = new RowFilter(List.of());

    public RowFilter {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /** Whether a row meets every condition. */
    public boolean matches(Map<String, Object> row) {
        for (Condition condition : conditions) {
            if (!matches(condition, row.get(condition.column()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Condition condition, Object value) {
        List<Object> operands = condition.values();
        return switch (condition.operator()) {
            case IS_NULL -> value == null;
            case NOT_NULL -> value != null;
            case EQ -> value != null && same(value, operands.get(0));
            case NE -> value != null && !same(value, operands.get(0));
            case IN -> value != null && operands.stream().anyMatch(operand -> same(value, operand));
            case NOT_IN -> value != null && operands.stream().noneMatch(operand -> same(value, operand));
            case GT -> value != null && compare(value, operands.get(0)) > 0;
            case GTE -> value != null && compare(value, operands.get(0)) >= 0;
            case LT -> value != null && compare(value, operands.get(0)) < 0;
            case LTE -> value != null && compare(value, operands.get(0)) <= 0;
        };
    }

    private static boolean same(Object value, Object operand) {
        if (value instanceof Number && operand instanceof Number) {
            return compare(value, operand) == 0;
        }
        return Objects.equals(String.valueOf(value), String.valueOf(operand));
    }

    /** Compares numbers as exact decimals, everything else as text (ISO timestamps compare correctly as text). */
    static int compare(Object value, Object operand) {
        if (value instanceof Number a && operand instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
        }
        return String.valueOf(value).compareTo(String.valueOf(operand));
    }
}
