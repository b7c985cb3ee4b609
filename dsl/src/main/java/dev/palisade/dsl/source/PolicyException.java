package dev.palisade.dsl.source;

import dev.palisade.Api;
import dev.palisade.PalisadeException;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when policies cannot be turned into a program; carries every diagnostic found. */
@Api
public final class PolicyException extends PalisadeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Diagnostic> diagnostics;

    public PolicyException(List<Diagnostic> diagnostics) {
        super(summary(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** One line per diagnostic: {@code file:line:col: message}. */
    @Override
    public List<String> problems() {
        return diagnostics.stream().map(Diagnostic::toString).toList();
    }

    /** All diagnostics rendered with source lines and carets. */
    public String render() {
        return diagnostics.stream().map(Diagnostic::render).collect(Collectors.joining());
    }

    private static String summary(List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        String first = diagnostics.isEmpty() ? "" : ": " + diagnostics.get(0);
        return errors + " error" + (errors == 1 ? "" : "s") + " in policy" + first;
    }
}
