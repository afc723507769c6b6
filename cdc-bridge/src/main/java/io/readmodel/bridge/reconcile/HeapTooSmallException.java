package io.readmodel.bridge.reconcile;

/** A reconciliation was refused because the projection's rows and documents would not fit in the bridge's heap. */
public class HeapTooSmallException extends RuntimeException {

    HeapTooSmallException(String message) {
        super(message);
    }
}
