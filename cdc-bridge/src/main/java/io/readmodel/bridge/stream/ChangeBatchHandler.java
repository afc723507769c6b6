package io.readmodel.bridge.stream;

import io.debezium.engine.DebeziumEngine;
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

    ChangeBatchHandler(TransactionAssembler assembler, ReadModelWriter writer) {
        this.assembler = assembler;
        this.writer = writer;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        int complete = -1;
        for (int i = 0; i < records.size(); i++) {
            if (assembler.accept(SourceRecords.parse(records.get(i).record()))) {
                complete = i;
            }
        }
        writer.apply(assembler.drainReady(), assembler);
        for (int i = 0; i <= complete; i++) {
            committer.markProcessed(records.get(i));
        }
        committer.markBatchFinished();
    }
}
