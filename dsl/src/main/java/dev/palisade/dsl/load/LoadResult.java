package dev.palisade.dsl.load;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.PolicyException;
import java.util.List;

/**
 * The files of a policy set, in load order, and every problem found in reading, parsing and
 * checking them. Files with syntax errors are included with the rules that did parse.
 */
public record LoadResult(List<PolicyFile> files, List<Diagnostic> diagnostics) {
    public LoadResult {
        files = List.copyOf(files);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** This result if it has no errors; otherwise a {@link PolicyException} carrying all diagnostics. */
    public LoadResult orThrow() {
        if (hasErrors()) {
            throw new PolicyException(diagnostics);
        }
        return this;
    }
}
