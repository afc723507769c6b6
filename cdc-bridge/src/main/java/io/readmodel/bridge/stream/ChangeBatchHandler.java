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

    ChangeBatchHandler(TransactionAssembler assembler, ReadModelWriter writer, DeadLetterStore deadLetters, BridgeMetrics metrics) {
        this.assembler = assembler;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        int complete = -1;
        for (int i = 0; i < records.size(); i++) {
            if (assembler.accept(read(records.get(i).record()))) {
                complete = i;
            }
        }
        writer.apply(assembler.drainReady(), assembler);
        for (int i = 0; i <= complete; i++) {
            committer.markProcessed(records.get(i));
        }
        committer.markBatchFinished();
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
