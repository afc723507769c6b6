package io.readmodel.readapi.view;

import io.readmodel.readapi.store.FieldSelection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * The client's view of any projection's document: the document without {@code _id} and {@code _meta}, fields in
 * stored order, BSON values as plain JSON values (int32/int64/double as numbers, Decimal128 as an exact number,
 * dates as ISO-8601 UTC text, ObjectIds as hex text, binary as base64).
 */
public final class ClientViews {

    /**
     * What to read of a document: everything but the bridge's bulky bookkeeping (its components {@code _meta.c} and
     * references {@code _meta.refs}); {@code _meta.position} stays for the ETag.
     */
    public static final FieldSelection FIELDS = FieldSelection.exclude("_meta.c", "_meta.refs");

    private ClientViews() {
    }

    /** The client's view of a stored document. */
    public static Map<String, Object> of(Document document) {
        Map<String, Object> view = new LinkedHashMap<>();
        document.forEach((field, value) -> {
            if (!field.equals("_id") && !field.equals("_meta")) {
                view.put(field, plain(value));
            }
        });
        return view;
    }

    /** A BSON value as a plain JSON value. */
    public static Object plain(Object value) {
        if (value instanceof Document nested) {
            Map<String, Object> plain = new LinkedHashMap<>();
            nested.forEach((field, inner) -> plain.put(field, plain(inner)));
            return plain;
        }
        if (value instanceof List<?> list) {
            List<Object> plain = new ArrayList<>(list.size());
            list.forEach(element -> plain.add(plain(element)));
            return plain;
        }
        if (value instanceof Decimal128 decimal) {
            return decimal.isNaN() || decimal.isInfinite() ? decimal.toString() : decimal.bigDecimalValue();
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof ObjectId id) {
            return id.toHexString();
        }
        if (value instanceof Binary binary) {
            return Base64.getEncoder().encodeToString(binary.getData());
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return value.toString(); // timestamps, regular expressions, code: rare in read models, shown as text
    }
}
