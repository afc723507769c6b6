package io.readmodel.core.position;

/**
 * A PostgreSQL write-ahead-log location, written as PostgreSQL writes it ({@code 16/B374D848}).
 *
 * @param value the 64-bit location; compared unsigned, as PostgreSQL does
 */
public record Lsn(long value) implements Comparable<Lsn> {

    /** The location before any WAL. */
    public static final Lsn ZERO = new Lsn(0);

    /**
     * Parses {@code X/Y} (two hexadecimal halves).
     *
     * @throws IllegalArgumentException naming the bad text when it is not an LSN
     */
    public static Lsn parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("an LSN is required, e.g. 0/16B3748");
        }
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || slash > 8 || text.length() - slash - 1 > 8
                || !isHex(text.substring(0, slash)) || !isHex(text.substring(slash + 1))) {
            throw new IllegalArgumentException("not an LSN: '" + abbreviate(text) + "' (expected e.g. 0/16B3748)");
        }
        try {
            long high = Long.parseLong(text.substring(0, slash), 16);
            long low = Long.parseLong(text.substring(slash + 1), 16);
            return new Lsn((high << 32) | low);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an LSN: '" + abbreviate(text) + "' (expected e.g. 0/16B3748)");
        }
    }

    private static boolean isHex(String part) {
        return part.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    /** Whether this location is at or after the other. */
    public boolean isAtOrAfter(Lsn other) {
        return compareTo(other) >= 0;
    }

    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase() + "/" + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase();
    }
}
