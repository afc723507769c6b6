package io.readmodel.core.engine;

import java.util.regex.Pattern;

/** Turns a root row's key text into a document {@code _id}: a 64-bit integer when it is one, else the text. */
public final class DocumentIds {

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");

    private DocumentIds() {
    }

    /** The {@code _id} for a root row key. */
    public static Object fromKey(String key) {
        return INTEGER.matcher(key).matches() ? (Object) Long.valueOf(key) : key;
    }

    /** The {@code _id} of the document a column value refers to, or {@code null} when the value is null. */
    public static Object fromValue(Object value) {
        return value == null ? null : fromKey(String.valueOf(value));
    }
}
