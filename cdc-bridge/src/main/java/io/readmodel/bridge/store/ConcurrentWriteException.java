package io.readmodel.bridge.store;

/** Another writer kept changing the same documents; the batch should be tried again later. */
public final class ConcurrentWriteException extends RuntimeException {

    ConcurrentWriteException(int attempts) {
        super("another writer kept changing the same documents; gave up after " + attempts + " attempts");
    }
}
