package io.readmodel.bridge.stream;

import io.debezium.engine.DebeziumEngine;
import io.readmodel.bridge.deadletter.DeadLetterStore;
import io.readmodel.bridge.metrics.BridgeMetrics;
import io.debezium.engine.RecordChangeEvent;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Receives Debezium's batches. Records are marked processed (so their offsets may be committed and the slot
 * advanced) only after the MongoDB writes covering them are acknowledged, and never in the middle of a
 * transaction.
 */
final class ChangeBatchHandler implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private final TransactionAssembler assembler;
    private final ReadModelWriter writer;
    private final DeadLetterStore deadLetters;
    private final BridgeMetrics metrics;
    private final SnapshotProgress snapshot;
    private final Runnable activity;

    ChangeBatchHandler(TransactionAssembler assembler, ReadModelWriter writer, DeadLetterStore deadLetters, BridgeMetrics metrics,
            SnapshotProgress snapshot, Runnable activity) {
        this.activity = activity;
        this.assembler = assembler;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.snapshot = snapshot;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        activity.run();
        int complete = -1;
        List<SourceEvent> events = new java.util.ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            SourceEvent event = read(records.get(i).record());
            events.add(event);
            if (assembler.accept(event)) {
                complete = i;
            }
        }
        writer.apply(assembler.drainReady(), assembler);
        snapshot.applied(events);
        for (int i = 0; i <= complete; i++) {
            committer.markProcessed(records.get(i));
        }
        committer.markBatchFinished();
        activity.run();
    }

    /** A record that cannot even be read is kept as a dead letter (not retryable) and skipped. */
    private SourceEvent read(SourceRecord record) {
        try {
            return SourceRecords.parse(record);
        } catch (RuntimeException e) {
            deadLetters.addUnreadable(record.topic() + " " + record.sourceOffset() + " " + record.value(), e);
            metrics.deadLetter();
            return new SourceEvent.Other();
        }
    }
}
