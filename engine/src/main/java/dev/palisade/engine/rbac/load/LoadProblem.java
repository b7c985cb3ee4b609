package dev.palisade.engine.rbac.load;

import java.util.Objects;

/** One thing wrong with the input: where (file, 1-based line, 0 when unknown) and why. */
public record LoadProblem(String file, int line, String message) {
    public LoadProblem {
        file = Objects.requireNonNullElse(file, "");
        message = Objects.requireNonNullElse(message, "");
    }

    /** {@code file:line: message}, as compilers print it. */
    public String render() {
        return (line > 0 ? file + ":" + line : file) + ": " + message;
    }
}
