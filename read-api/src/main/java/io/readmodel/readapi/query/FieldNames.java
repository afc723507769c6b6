package io.readmodel.readapi.query;

import io.readmodel.readapi.http.RequestValues;
import io.readmodel.readapi.problem.ProblemException;
import java.util.regex.Pattern;

/**
 * Document field names a client may filter and sort on: letters, digits and {@code _}, dotted for nested fields,
 * never the key or the bridge's metadata ({@code _id}, {@code _meta}: names starting with either are refused).
 */
public final class FieldNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");
    private static final int MAX_LENGTH = 200;

    private FieldNames() {
    }

    /**
     * The field name, checked.
     *
     * @param parameter the query parameter it came from, named in the problem
     * @throws ProblemException 400 {@code invalid-<parameter>} when it is not a name a client may use
     */
    public static String check(String name, String parameter) {
        if (name.length() > MAX_LENGTH || !NAME.matcher(name).matches()) {
            throw invalid(parameter, "'" + RequestValues.abbreviate(name)
                    + "' is not a field name (letters, digits and _, dotted for nested fields).");
        }
        if (name.startsWith("_id") || name.startsWith("_meta")) {
            throw invalid(parameter, "'" + name + "' is reserved: fields starting with _id or _meta are not part of "
                    + "the client's view.");
        }
        return name;
    }

    /** 400 {@code invalid-<parameter>}: the detail is prefixed with the parameter's name. */
    static ProblemException invalid(String parameter, String detail) {
        String title = "Invalid " + parameter;
        return ProblemException.badRequest("invalid-" + parameter, title,
                "The " + parameter + " query parameter is invalid: " + detail);
    }
}
