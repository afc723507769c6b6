package io.readmodel.core.document;

/**
 * The running state of one aggregate over a document's child rows: enough to fold a row's change in without
 * reading the other rows, except when the row that held an extreme leaves (then it is recomputed).
 *
 * @param count how many rows contribute
 * @param value the aggregate's value so far ({@code COUNT}: unused)
 * @param order for {@code LATEST}: the winning row's {@code orderBy} value
 * @param key for {@code LATEST}: the winning row's key (breaks ties)
 */
public record Accumulator(long count, Object value, Object order, Object key) {

    /** Nothing folded in yet. */
    public static final Accumulator EMPTY = new Accumulator(0, null, null, null);
}
