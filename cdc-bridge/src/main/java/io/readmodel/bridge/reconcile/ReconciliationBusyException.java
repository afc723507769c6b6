package io.readmodel.bridge.reconcile;

/** A reconciliation was asked for while another one runs (they hold whole projections in the heap, so one at a time). */
public class ReconciliationBusyException extends RuntimeException {

    ReconciliationBusyException(String message) {
        super(message);
    }
}
