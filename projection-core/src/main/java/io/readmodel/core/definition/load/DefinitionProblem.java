package io.readmodel.core.definition.load;

/**
 * One thing wrong with a projection definition file, located in it.
 *
 * @param file the file as it was named to the loader
 * @param line the 1-based line (0 when unknown)
 * @param column the 1-based column (0 when unknown)
 * @param path the field path inside the file, such as {@code projections[0].children[0].parentKey} (empty for
 *     the whole file)
 * @param message what is wrong
 */
public record DefinitionProblem(String file, int line, int column, String path, String message) {

    /** {@code file:line:column: path: message}, the form editors and terminals link to. */
    @Override
    public String toString() {
        String where = path.isEmpty() ? "" : path + ": ";
        return file + ":" + line + ":" + column + ": " + where + message;
    }
}
