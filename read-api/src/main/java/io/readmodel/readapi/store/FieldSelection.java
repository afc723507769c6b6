package io.readmodel.readapi.store;

import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Which fields of a document to read: a MongoDB inclusion or exclusion projection of (dotted) paths that can also be
 * applied in memory, to a document read with a wider selection (the document cache keeps one form of each document
 * and serves every endpoint from it).
 *
 * @param inclusive true: only {@code paths} (and {@code _id}); false: everything but {@code paths}
 * @param paths the (dotted) field paths
 */
public record FieldSelection(boolean inclusive, List<String> paths) {

    /** Copies the paths. */
    public FieldSelection {
        paths = List.copyOf(paths);
    }

    /** Only these fields (and {@code _id}, as MongoDB does). */
    public static FieldSelection include(String... paths) {
        return new FieldSelection(true, List.of(paths));
    }

    /** Everything but these fields. */
    public static FieldSelection exclude(String... paths) {
        return new FieldSelection(false, List.of(paths));
    }

    /** The MongoDB projection. */
    public Bson bson() {
        return inclusive ? Projections.include(paths) : Projections.exclude(paths);
    }

    /**
     * Whether applying this selection in memory to a document read with {@code wider} gives what reading with this
     * selection gives: {@code wider} excludes paths this selection never needs.
     */
    public boolean isWithin(FieldSelection wider) {
        if (wider.inclusive) {
            return false; // not needed so far: the cache reads with an exclusion
        }
        for (String excluded : wider.paths) {
            if (inclusive) {
                for (String path : paths) {
                    if (isSameOrUnder(excluded, path) || isSameOrUnder(path, excluded)) {
                        return false;
                    }
                }
            } else if (!paths.contains(excluded)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code path} is {@code ancestor} or a path inside it ({@code a.b} is under {@code a}). */
    private static boolean isSameOrUnder(String path, String ancestor) {
        return path.startsWith(ancestor)
                && (path.length() == ancestor.length() || path.charAt(ancestor.length()) == '.');
    }

    /** This selection applied to a document (a new document; the argument is not changed). */
    public Document apply(Document document) {
        return inclusive ? included(document, paths, true) : excluded(document, paths);
    }

    private static Document included(Document document, List<String> paths, boolean top) {
        Document result = new Document();
        for (Map.Entry<String, Object> field : document.entrySet()) {
            String name = field.getKey();
            List<String> nested = new ArrayList<>();
            boolean whole = top && name.equals("_id");
            for (String path : paths) {
                if (path.equals(name)) {
                    whole = true;
                } else if (path.startsWith(name + ".")) {
                    nested.add(path.substring(name.length() + 1));
                }
            }
            if (whole) {
                result.put(name, field.getValue());
            } else if (!nested.isEmpty()) {
                Object value = includedValue(field.getValue(), nested);
                if (value != null) {
                    result.put(name, value);
                }
            }
        }
        return result;
    }

    private static Object includedValue(Object value, List<String> nested) {
        if (value instanceof Document inner) {
            return included(inner, nested, false);
        }
        if (value instanceof List<?> list) {
            List<Object> kept = new ArrayList<>();
            for (Object element : list) {
                if (element instanceof Document inner) {
                    kept.add(included(inner, nested, false));
                } else if (element instanceof List<?>) {
                    kept.add(includedValue(element, nested));
                }
            }
            return kept;
        }
        return null; // a scalar has none of the nested fields
    }

    private static Document excluded(Document document, List<String> paths) {
        Document result = new Document();
        for (Map.Entry<String, Object> field : document.entrySet()) {
            String name = field.getKey();
            List<String> nested = new ArrayList<>();
            boolean drop = false;
            for (String path : paths) {
                if (path.equals(name)) {
                    drop = true;
                } else if (path.startsWith(name + ".")) {
                    nested.add(path.substring(name.length() + 1));
                }
            }
            if (!drop) {
                result.put(name, nested.isEmpty() ? field.getValue() : excludedValue(field.getValue(), nested));
            }
        }
        return result;
    }

    private static Object excludedValue(Object value, List<String> nested) {
        if (value instanceof Document inner) {
            return excluded(inner, nested);
        }
        if (value instanceof List<?> list) {
            List<Object> kept = new ArrayList<>(list.size());
            list.forEach(element -> kept.add(excludedValue(element, nested)));
            return kept;
        }
        return value;
    }
}
