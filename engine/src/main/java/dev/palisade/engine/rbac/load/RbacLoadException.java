package dev.palisade.engine.rbac.load;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Loading failed. Carries every problem found, not just the first, so that one run shows all
 * that must be fixed; nothing is loaded when there is any (a bad file must never silently
 * shrink the grants).
 */
public final class RbacLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<LoadProblem> problems;

    public RbacLoadException(List<LoadProblem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public List<LoadProblem> problems() {
        return problems;
    }

    private static String render(List<LoadProblem> problems) {
        String head = problems.size() == 1 ? "1 problem loading RBAC objects:"
                : problems.size() + " problems loading RBAC objects:";
        return problems.stream().map(p -> "  " + p.render()).collect(Collectors.joining("\n", head + "\n", ""));
    }
}
