package io.readmodel.core.definition.load;

import java.util.List;
import java.util.stream.Collectors;

/** Projection definitions that cannot be used, with every problem found in them (not only the first). */
public final class InvalidDefinitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<DefinitionProblem> problems;

    /** @param problems what is wrong, at least one */
    public InvalidDefinitionException(List<DefinitionProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in file order. */
    public List<DefinitionProblem> problems() {
        return problems;
    }

    private static String describe(List<DefinitionProblem> problems) {
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return "invalid projection definitions (" + count + "):\n" + problems.stream()
                .map(problem -> "  " + problem)
                .collect(Collectors.joining("\n"));
    }
}
