package io.readmodel.writeapi.command;

/** Constraint texts shared by the command records. */
public final class Validation {

    /** A regular expression matching text with at least one non-whitespace character (for optional fields). */
    public static final String NOT_BLANK = "(?s).*\\S.*";

    private Validation() {
    }
}
