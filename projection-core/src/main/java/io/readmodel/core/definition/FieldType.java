package io.readmodel.core.definition;

/** The type a document field is written as. */
public enum FieldType {
    /** As the source column's type maps (see the README's type table). */
    AUTO,
    /** Text. */
    STRING,
    /** A 64-bit integer. */
    INT64,
    /** A double (may lose precision of numeric). */
    DOUBLE,
    /** An exact decimal (Decimal128 in MongoDB). */
    DECIMAL,
    /** A boolean. */
    BOOLEAN,
    /** JSON text parsed into a nested document or array. */
    JSON
}
