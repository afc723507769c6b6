package io.readmodel.core.definition.load;

/** Builds the field paths problems are reported at: {@code projections[0].children[1].parentKey}. */
final class FieldPath {

    private FieldPath() {
    }

    static String key(String base, String name) {
        return base.isEmpty() ? name : base + "." + name;
    }

    static String index(String base, int index) {
        return base + "[" + index + "]";
    }

    /** The enclosing path, or {@code null} for the whole file. */
    static String parent(String path) {
        if (path.isEmpty()) {
            return null;
        }
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
