package io.readmodel.core.definition.load;

import io.readmodel.core.definition.load.YamlTree.Mark;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects the problems of one file, placing each at the line and column its field path starts at. */
final class Problems {

    private final String file;
    private final Set<DefinitionProblem> found = new LinkedHashSet<>();
    private YamlTree tree;

    Problems(String file) {
        this.file = file;
    }

    /** The tree later problems are placed in. */
    void locateIn(YamlTree tree) {
        this.tree = tree;
    }

    /** A problem with the value at {@code path} (or, when it is absent, with the object that should hold it). */
    void at(String path, String message) {
        add(tree.valueMark(path), path, message);
    }

    /** A problem with the key naming {@code path} (an unknown or duplicate key). */
    void atKey(String path, String message) {
        add(tree.keyMark(path), path, message);
    }

    /** The line the value at {@code path} starts on, to refer to it from another problem. */
    int lineOf(String path) {
        return tree.valueMark(path).line();
    }

    void add(Mark mark, String path, String message) {
        found.add(new DefinitionProblem(file, mark.line(), mark.column(), path, message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** The problems in file order. */
    List<DefinitionProblem> sorted() {
        List<DefinitionProblem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(DefinitionProblem::line).thenComparingInt(DefinitionProblem::column));
        return sorted;
    }

    /** Throws when anything was found. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidDefinitionException(sorted());
        }
    }
}
