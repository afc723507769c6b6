package io.readmodel.bridge.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.readmodel.bridge.heap.HeapBudget;
import org.junit.jupiter.api.Test;

class InitialLoadRefusalTest {

    private static final long MB = 1024 * 1024;

    @Test
    void aLoadTooBigForTheHeapIsRefusedWithTheHeapItNeedsAndTheSlowerAlternative() {
        HeapBudget budget = new HeapBudget(100 * MB, InitialLoad.HEAP_BYTES_PER_TABLE_BYTE, 400 * MB, 512 * MB);

        assertThat(InitialLoad.refusal(budget))
                .startsWith("initial load refused: the tables take 100 MB on disk")
                .contains("the heap has 400 MB free (max 512 MB)")
                .contains("-Xmx" + (112 + 100 * InitialLoad.HEAP_BYTES_PER_TABLE_BYTE + 1) + "m or more")
                .contains("bridge.initial-load=debezium")
                .endsWith("nothing was changed");
    }
}
