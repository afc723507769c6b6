package io.readmodel.bridge.heap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapBudgetTest {

    private static final long MB = 1024 * 1024;

    @Test
    void aJobThatFitsInTheFreeHeapFits() {
        HeapBudget budget = new HeapBudget(2 * MB, 64, 400 * MB, 512 * MB);

        assertThat(budget.needed()).isEqualTo(128 * MB);
        assertThat(budget.fits()).isTrue();
    }

    @Test
    void aJobTooBigForTheFreeHeapDoesNotFitAndNamesTheHeapThatWould() {
        HeapBudget budget = new HeapBudget(100 * MB, 64, 400 * MB, 512 * MB);

        assertThat(budget.fits()).isFalse();
        assertThat(budget.describe()).isEqualTo("the tables take 100 MB on disk (102400 kB), about 6400 MB of heap at the peak, "
                + "and the heap has 400 MB free (max 512 MB)");
        assertThat(budget.largerHeapOption()).isEqualTo("-Xmx" + (112 + 6400 + 1) + "m");
    }

    @Test
    void theNeedScalesWithTheJobsFactor() {
        assertThat(new HeapBudget(10 * MB, 128, 1000 * MB, 1024 * MB).fits()).isFalse();
        assertThat(new HeapBudget(10 * MB, 64, 1000 * MB, 1024 * MB).fits()).isTrue();
    }
}
