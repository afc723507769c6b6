package io.readmodel.core.document;

import java.math.BigDecimal;
import java.util.Objects;

/** Orders source values the way documents sort them: numbers by value, text by text, null first. */
final class Values {

    private Values() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (Objects.equals(a, b)) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof BigDecimal || y instanceof BigDecimal || x instanceof Double || y instanceof Double) {
                return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
            }
            return Long.compare(x.longValue(), y.longValue());
        }
        if (a instanceof Comparable comparable && a.getClass().equals(b.getClass())) {
            return comparable.compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
}
