package io.readmodel.core.definition.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The field names of one document object (the document itself, a lookup's object, an array element), collected
 * from every source that writes into it: fields, lookups flattened into it, child arrays and aggregates.
 */
final class DocumentFields {

    private static final String RESERVED = "";

    private final Problems problems;
    private final Map<String, String> pathsByName = new HashMap<>();

    DocumentFields(Problems problems) {
        this.problems = problems;
    }

    /** A document's top level: its key and the bridge's metadata are not available as field names. */
    static DocumentFields documentRoot(Problems problems) {
        DocumentFields fields = new DocumentFields(problems);
        fields.pathsByName.put("_id", RESERVED);
        fields.pathsByName.put("_meta", RESERVED);
        return fields;
    }

    /** Records a field name given as the value at {@code path} (a {@code field:} member), reporting a clash. */
    void add(String name, String path) {
        add(name, path, false);
    }

    private void add(String name, String path, boolean nameIsKey) {
        String first = pathsByName.putIfAbsent(name, path);
        String problem = null;
        if (RESERVED.equals(first)) {
            problem = "field name '" + name + "' is reserved (the document's key and metadata use it)";
        } else if (first != null) {
            problem = "duplicate document field '" + name + "' (also defined at " + first + ", line "
                    + problems.lineOf(first) + ")";
        }
        if (problem != null && nameIsKey) {
            problems.atKey(path, problem);
        } else if (problem != null) {
            problems.at(path, problem);
        }
    }

    /** Records the names of a {@code fields} mapping (problems point at the keys). */
    void addAll(JsonNode fields, String path) {
        if (fields.isObject()) {
            fields.fieldNames().forEachRemaining(name -> add(name, FieldPath.key(path, name), true));
        }
    }
}
