package io.readmodel.e2e;

/** Sleeping in tests without checked exceptions: an interrupt ends the test. */
final class Sleeps {

    private Sleeps() {
    }

    /** Sleeps, turning an interrupt into a failure (the interrupt flag is kept). */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
