package dev.palisade.dsl.parse;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.PolicyException;
import java.util.List;

/**
 * The outcome of parsing one file. {@code file} is null only when the text could not be parsed
 * at all; when there are errors it holds just the declarations and rules that parsed cleanly, so
 * that imports can still be followed and the checker can still report on the rest of the file.
 */
public record ParseResult(PolicyFile file, List<Diagnostic> diagnostics) {
    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** The parsed file, or a {@link PolicyException} with every diagnostic if there were errors. */
    public PolicyFile orThrow() {
        if (hasErrors()) {
            throw new PolicyException(diagnostics);
        }
        return file;
    }
}
