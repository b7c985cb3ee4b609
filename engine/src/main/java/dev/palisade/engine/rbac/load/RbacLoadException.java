package dev.palisade.engine.rbac.load;

import dev.palisade.PalisadeException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Loading failed. Carries every problem found, not just the first, so that one run shows all
 * that must be fixed; nothing is loaded when there is any (a bad file must never silently
 * shrink the grants).
 */
public final class RbacLoadException extends PalisadeException {
    private static final long serialVersionUID = 1L;
    private final transient List<LoadProblem> problems;

    public RbacLoadException(List<LoadProblem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem with its place, as data. */
    public List<LoadProblem> loadProblems() {
        return problems;
    }

    @Override
    public List<String> problems() {
        return problems.stream().map(LoadProblem::render).toList();
    }

    private static String render(List<LoadProblem> problems) {
        String head = problems.size() == 1 ? "1 problem loading RBAC objects:"
                : problems.size() + " problems loading RBAC objects:";
        return problems.stream().map(p -> "  " + p.render()).collect(Collectors.joining("\n", head + "\n", ""));
    }
}
