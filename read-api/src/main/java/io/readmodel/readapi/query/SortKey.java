package io.readmodel.readapi.query;

/**
 * One field of a sort order.
 *
 * @param field the document field, dotted for nested fields ({@code customer.id})
 * @param ascending smallest first when true
 */
public record SortKey(String field, boolean ascending) {

    /** The key in the text form of the {@code sort} parameter: the field, prefixed with {@code -} when descending. */
    public String text() {
        return ascending ? field : "-" + field;
    }
}
