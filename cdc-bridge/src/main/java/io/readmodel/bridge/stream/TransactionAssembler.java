package io.readmodel.bridge.stream;

import io.readmodel.core.change.RowChange;
import io.readmodel.core.position.Lsn;
import io.readmodel.core.position.Position;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the stream's events into row changes with commit-order positions. A transaction's changes are held
 * until its commit arrives (possibly in a later batch), because only the commit tells their position: the
 * commit LSN, then each change's own LSN. Also tracks how far the stream has been read: the applied LSN that
 * consistency tokens compare against, and the commit time that lag is measured from.
 */
public final class TransactionAssembler {

    private List<SourceEvent.RowEvent> open;
    private final List<RowChange> ready = new ArrayList<>();
    private Lsn appliedLsn;
    private Position position;
    private Instant sourceCommitTime;
    private Instant heartbeatAt;

    /** Starts from a stored checkpoint's figures (or nothing). */
    public TransactionAssembler(Lsn appliedLsn, Position position, Instant sourceCommitTime, Instant heartbeatAt) {
        this.appliedLsn = appliedLsn == null ? Lsn.ZERO : appliedLsn;
        this.position = position == null ? Position.ZERO : position;
        this.sourceCommitTime = sourceCommitTime;
        this.heartbeatAt = heartbeatAt;
    }

    /**
     * Takes one event.
     *
     * @return whether the record may be marked processed (its offset committed, the slot advanced): only at a
     *     transaction's commit or a snapshot row. A non-transactional message can sit inside a transaction that
     *     commits later; resuming from its offset, Debezium would treat that transaction's earlier changes as
     *     already processed and skip them (seen in the fault tests). Heartbeats are transactional for that reason.
     */
    public boolean accept(SourceEvent event) {
        if (event instanceof SourceEvent.Begin) {
            open = new ArrayList<>();
        } else if (event instanceof SourceEvent.RowEvent row) {
            acceptRow(row);
        } else if (event instanceof SourceEvent.Commit commit) {
            acceptCommit(commit);
        } else if (event instanceof SourceEvent.Message message) {
            acceptMessage(message);
        }
        return open == null && (event instanceof SourceEvent.Commit
                || event instanceof SourceEvent.RowEvent row && row.snapshot());
    }

    private void acceptRow(SourceEvent.RowEvent row) {
        if (open != null) {
            open.add(row);
            return;
        }
        // snapshot reads (and, defensively, changes without transaction metadata) stand alone
        Position at = row.snapshot() ? new Position(new Lsn(row.lsn()), 0) : new Position(new Lsn(row.lsn()), row.lsn());
        ready.add(toChange(row, at));
        advanceTime(row.commitTime());
        position = Position.max(position, at);
        if (row.lastOfSnapshot() || !row.snapshot()) {
            advanceLsn(new Lsn(row.lsn()));
        }
    }

    private void acceptCommit(SourceEvent.Commit commit) {
        Lsn commitLsn = new Lsn(commit.commitLsn());
        if (open != null) {
            for (SourceEvent.RowEvent row : open) {
                Position at = new Position(commitLsn, row.lsn());
                ready.add(toChange(row, at));
                position = Position.max(position, at);
            }
        }
        open = null;
        position = Position.max(position, new Position(commitLsn, 0));
        advanceLsn(commitLsn);
        advanceTime(commit.commitTime());
    }

    private void acceptMessage(SourceEvent.Message message) {
        Lsn lsn = new Lsn(message.lsn());
        advanceLsn(lsn);
        position = Position.max(position, new Position(lsn, 0));
        if (DebeziumProperties.HEARTBEAT_PREFIX.equals(message.prefix())) {
            try {
                Instant sent = Instant.EPOCH.plus(Long.parseLong(message.content().trim()), java.time.temporal.ChronoUnit.MICROS);
                heartbeatAt = sent;
                advanceTime(sent);
            } catch (NumberFormatException ignored) {
                // a foreign message with our prefix: position only
            }
        }
    }

    private void advanceLsn(Lsn lsn) {
        if (lsn.isAtOrAfter(appliedLsn)) {
            appliedLsn = lsn;
        }
    }

    private void advanceTime(Instant time) {
        if (time != null && (sourceCommitTime == null || time.isAfter(sourceCommitTime))) {
            sourceCommitTime = time;
        }
    }

    private static RowChange toChange(SourceEvent.RowEvent row, Position at) {
        return new RowChange(row.row(), row.operation(), row.values(), row.unavailable(), at, row.commitTime());
    }

    /** Moves up to a stored checkpoint that is further along (written by a bridge before this one). */
    public void catchUp(io.readmodel.core.checkpoint.Checkpoint stored) {
        if (stored == null) {
            return;
        }
        advanceLsn(stored.appliedLsn());
        position = Position.max(position, stored.position());
        advanceTime(stored.sourceCommitTime());
        if (stored.heartbeatAt() != null && (heartbeatAt == null || stored.heartbeatAt().isAfter(heartbeatAt))) {
            heartbeatAt = stored.heartbeatAt();
        }
    }

    /** Takes the changes completed so far (in commit order). */
    public List<RowChange> drainReady() {
        List<RowChange> drained = List.copyOf(ready);
        ready.clear();
        return drained;
    }

    /** Every transaction committed at or before this LSN has been read. */
    public Lsn appliedLsn() {
        return appliedLsn;
    }

    /** The last position read. */
    public Position position() {
        return position;
    }

    /** The commit time of the last change or heartbeat read. */
    public Instant sourceCommitTime() {
        return sourceCommitTime;
    }

    /** The source time of the last heartbeat read. */
    public Instant heartbeatAt() {
        return heartbeatAt;
    }
}
