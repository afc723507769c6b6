package io.readmodel.core.definition;

/**
 * Copies one source column into a document field.
 *
 * @param column the source column
 * @param field the document field it becomes
 */
public record FieldMapping(String column, String field) {

    /** A column copied under another name. */
    public static FieldMapping of(String column, String field) {
        return new FieldMapping(column, field);
    }
}
