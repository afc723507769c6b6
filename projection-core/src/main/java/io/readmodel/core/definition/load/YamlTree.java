package io.readmodel.core.definition.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A parsed definition file: the JSON tree the schema validates, and where in the YAML text each value and each
 * mapping key starts.
 *
 * @param root the document's tree
 * @param valueMarks field path to the position of its value
 * @param keyMarks field path to the position of its key (for members of mappings)
 */
record YamlTree(JsonNode root, Map<String, Mark> valueMarks, Map<String, Mark> keyMarks) {

    /** A 1-based position in the text. */
    record Mark(int line, int column) {
        static final Mark START = new Mark(1, 1);
    }

    /** Where the value at {@code path} starts, or its nearest enclosing value's start when it is absent. */
    Mark valueMark(String path) {
        for (String at = path; at != null; at = FieldPath.parent(at)) {
            Mark mark = valueMarks.get(at);
            if (mark != null) {
                return mark;
            }
        }
        return Mark.START;
    }

    /** Where the key naming {@code path} starts (falls back to its value's start). */
    Mark keyMark(String path) {
        Mark mark = keyMarks.get(path);
        return mark != null ? mark : valueMark(path);
    }
}
