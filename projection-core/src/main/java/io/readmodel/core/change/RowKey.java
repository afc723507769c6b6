package io.readmodel.core.change;

/**
 * Identifies one source row: its table and its primary-key value(s) in text form.
 *
 * @param table the table name, without schema ({@code order_lines})
 * @param key the primary key; several key columns are joined with {@code |}
 */
public record RowKey(String table, String key) {

    /** The key of a row whose primary key is one column. */
    public static RowKey of(String table, Object keyValue) {
        return new RowKey(table, String.valueOf(keyValue));
    }

    /** Parses {@link #toString()}. */
    public static RowKey parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a row key: " + text);
        }
        return new RowKey(text.substring(0, colon), text.substring(colon + 1));
    }

    /** {@code table:key}, the form stored in documents' references. */
    @Override
    public String toString() {
        return table + ":" + key;
    }
}
