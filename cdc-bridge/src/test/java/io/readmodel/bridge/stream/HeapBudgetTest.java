package io.readmodel.bridge.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapBudgetTest {

    private static final long MB = 1024 * 1024;

    @Test
    void aLoadThatFitsInTheFreeHeapIsNotRefused() {
        HeapBudget budget = new HeapBudget(2 * MB, 400 * MB);

        assertThat(budget.needed()).isEqualTo(2 * MB * HeapBudget.HEAP_BYTES_PER_TABLE_BYTE);
        assertThat(budget.refusal(512 * MB)).isEmpty();
    }

    @Test
    void aLoadTooBigForTheHeapIsRefusedWithTheHeapItNeedsAndTheSlowerAlternative() {
        HeapBudget budget = new HeapBudget(100 * MB, 400 * MB);

        assertThat(budget.refusal(512 * MB)).hasValueSatisfying(refusal -> assertThat(refusal)
                .contains("take 100 MB on disk")
                .contains("the heap has 400 MB free (max 512 MB)")
                .contains("-Xmx" + (112 + 100 * HeapBudget.HEAP_BYTES_PER_TABLE_BYTE + 1) + "m")
                .contains("bridge.initial-load=debezium")
                .contains("nothing was changed"));
    }
}
