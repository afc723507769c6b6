package io.readmodel.core.document;

import io.readmodel.core.definition.FieldMapping;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Copies mapped columns into a document object, converting to the declared field type. */
final class FieldValues {

    private FieldValues() {
    }

    static void copy(Map<String, Object> row, List<FieldMapping> fields, Map<String, Object> into) {
        for (FieldMapping field : fields) {
            into.put(field.field(), convert(row.get(field.column()), field));
        }
    }

    private static Object convert(Object value, FieldMapping field) {
        if (value == null) {
            return null;
        }
        return switch (field.type()) {
            case AUTO -> value;
            case JSON -> value instanceof String text ? Json.parse(text, field.column()) : value;
            case STRING -> value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
            case INT64 -> value instanceof Number number ? (Object) number.longValue() : Long.valueOf(String.valueOf(value).trim());
            case DOUBLE -> value instanceof Number number ? (Object) number.doubleValue() : Double.valueOf(String.valueOf(value).trim());
            case DECIMAL -> new BigDecimal(value.toString().trim());
            case BOOLEAN -> value instanceof Boolean ? value : Boolean.valueOf(String.valueOf(value).trim());
        };
    }
}
