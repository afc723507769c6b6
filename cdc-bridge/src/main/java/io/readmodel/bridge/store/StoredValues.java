package io.readmodel.bridge.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values read back from MongoDB turned into the form the change stream gives them: Decimal128 to BigDecimal,
 * Binary to bytes, documents to maps, recursively. The projection engine then sees the same values whether a
 * row came from the stream, the row store or a dead letter.
 */
public final class StoredValues {

    private StoredValues() {
    }

    /** One value. */
    public static Object canonical(Object value) {
        if (value instanceof org.bson.types.Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        if (value instanceof org.bson.types.Binary binary) {
            return binary.getData();
        }
        if (value instanceof Map<?, ?> map) {
            return canonicalMap(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(canonical(element)));
            return copy;
        }
        return value;
    }

    /** A row's columns. */
    public static Map<String, Object> canonicalMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, element) -> copy.put(String.valueOf(key), canonical(element)));
        return copy;
    }
}
