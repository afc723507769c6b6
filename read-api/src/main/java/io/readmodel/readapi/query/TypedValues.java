package io.readmodel.readapi.query;

import java.util.regex.Pattern;

/**
 * Operands of query parameters, typed by their form: an integer is an int64, a decimal number a double,
 * {@code true}/{@code false} a boolean, text in double quotes the text inside them ({@code "42"} is the string
 * 42), anything else a string.
 */
public final class TypedValues {

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private TypedValues() {
    }

    /** The operand a piece of text stands for. */
    public static Object parse(String text) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1);
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        if (INTEGER.matcher(text).matches()) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return Double.parseDouble(text); // beyond int64: still a number
            }
        }
        if (DECIMAL.matcher(text).matches()) {
            double number = Double.parseDouble(text);
            if (Double.isFinite(number)) {
                return number;
            }
        }
        return text;
    }
}
