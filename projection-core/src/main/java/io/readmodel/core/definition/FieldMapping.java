package io.readmodel.core.definition;

/**
 * Copies one source column into a document field.
 *
 * @param column the source column
 * @param field the document field it becomes
 * @param type how the value is written ({@link FieldType#AUTO}: as the source type maps it)
 */
public record FieldMapping(String column, String field, FieldType type) {

    public FieldMapping {
        type = type == null ? FieldType.AUTO : type;
    }

    /** A column copied under another name, its type mapped automatically. */
    public static FieldMapping of(String column, String field) {
        return new FieldMapping(column, field, FieldType.AUTO);
    }
}
