package io.readmodel.core.position;

/**
 * Where a change stands in the source's commit order: the commit LSN of its transaction, then its order
 * inside the transaction. Positions are totally ordered in commit order, which a change's own LSN is not when
 * transactions interleave. Text form: {@code <commit lsn>#<sequence>}, e.g. {@code 0/16B3748#3}.
 *
 * @param commitLsn the LSN of the end of the commit record of the change's transaction (for snapshot reads: the
 *     snapshot's consistent point)
 * @param sequence the change's order inside its transaction (its own LSN for streamed changes)
 */
public record Position(Lsn commitLsn, long sequence) implements Comparable<Position> {

    /** Before every change. */
    public static final Position ZERO = new Position(Lsn.ZERO, 0);

    public Position {
        if (commitLsn == null) {
            throw new IllegalArgumentException("commitLsn is required");
        }
    }

    /** A position from a commit LSN and a sequence number. */
    public static Position of(long commitLsn, long sequence) {
        return new Position(new Lsn(commitLsn), sequence);
    }

    /**
     * Parses the text form; a bare LSN means the start of that commit ({@code sequence} 0).
     *
     * @throws IllegalArgumentException naming the bad text
     */
    public static Position parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a position is required, e.g. 0/16B3748#3");
        }
        int hash = text.indexOf('#');
        if (hash < 0) {
            return new Position(Lsn.parse(text), 0);
        }
        try {
            return new Position(Lsn.parse(text.substring(0, hash)), Long.parseUnsignedLong(text.substring(hash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a position: '" + Lsn.abbreviate(text) + "' (expected e.g. 0/16B3748#3)");
        }
    }

    @Override
    public int compareTo(Position other) {
        int byCommit = commitLsn.compareTo(other.commitLsn);
        return byCommit != 0 ? byCommit : Long.compareUnsigned(sequence, other.sequence);
    }

    /** Whether this position comes strictly after the other. */
    public boolean isAfter(Position other) {
        return compareTo(other) > 0;
    }

    /** The later of two positions. */
    public static Position max(Position a, Position b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public String toString() {
        return commitLsn + "#" + Long.toUnsignedString(sequence);
    }
}
