package io.readmodel.writeapi.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Turns Jackson's read failures into one sentence a client developer can act on, without Java class names. */
final class JsonErrors {

    private JsonErrors() {
    }

    static ProblemException problem(JsonProcessingException failure) {
        if (failure instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return badRequest("unknown-field", "unknown field '" + field + "'" + known(unknown.getKnownPropertyIds()), field);
        }
        if (failure instanceof MismatchedInputException mismatch && !path(mismatch).isEmpty()) {
            String field = path(mismatch);
            return badRequest("wrong-type", "field '" + field + "' must be " + describe(mismatch.getTargetType()) + at(mismatch), field);
        }
        if (failure instanceof MismatchedInputException mismatch) {
            return badRequest("wrong-type", "the body must be " + describe(mismatch.getTargetType()) + at(mismatch), "body");
        }
        String reason = failure.getOriginalMessage() == null ? "unreadable" : firstLine(failure.getOriginalMessage());
        return badRequest("malformed-json", "the body is not valid JSON" + at(failure) + ": " + reason, "body");
    }

    private static ProblemException badRequest(String slug, String detail, String field) {
        return new ProblemException(400, slug, "Unreadable request body", detail, List.of(new Problem.FieldError(field, detail)));
    }

    private static String path(JsonMappingException failure) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : failure.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) {
            return "";
        }
        return "; known fields: " + ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
            return "an integer";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String at(JsonProcessingException failure) {
        JsonLocation location = failure.getLocation();
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
