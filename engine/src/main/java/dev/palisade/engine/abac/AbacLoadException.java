package dev.palisade.engine.abac;

import dev.palisade.PalisadeException;

import java.util.List;

/**
 * An ABAC policy file that cannot be used. Every bad line is listed as {@code file:line: reason};
 * no grant of the file is loaded then: a broken file must never silently shrink or widen access.
 */
public final class AbacLoadException extends PalisadeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public AbacLoadException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    @Override
    public List<String> problems() {
        return problems;
    }
}
