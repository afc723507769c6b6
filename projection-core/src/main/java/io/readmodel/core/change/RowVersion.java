package io.readmodel.core.change;

import io.readmodel.core.position.Position;
import java.time.Instant;
import java.util.Map;

/**
 * One version of a source row: a last-writer-wins register entry. A deleted row is a tombstone
 * ({@code values == null}) kept so that an older, late update cannot bring it back.
 *
 * @param position where the version was written in commit order
 * @param values the row's columns (mapped to plain Java values), or {@code null} for a tombstone
 * @param commitTime the source commit time of the version
 */
public record RowVersion(Position position, Map<String, Object> values, Instant commitTime) {

    /** Whether this version is a deletion. */
    public boolean isTombstone() {
        return values == null;
    }

    /** Whether this version should replace {@code current} (strictly newer, or there is none). */
    public boolean supersedes(RowVersion current) {
        return current == null || position.isAfter(current.position);
    }
}
