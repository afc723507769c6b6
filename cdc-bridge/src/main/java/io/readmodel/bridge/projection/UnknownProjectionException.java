package io.readmodel.bridge.projection;

import java.util.List;

/** A projection name that no definition declares. */
public final class UnknownProjectionException extends RuntimeException {

    /** For the name asked and the names there are. */
    public UnknownProjectionException(String name, List<String> known) {
        super("no projection named '" + name + "' (projections: " + String.join(", ", known) + ")");
    }
}
