package dev.palisade.dsl.check;

import dev.palisade.dsl.source.Diagnostic;
import java.util.Comparator;

/** The order diagnostics are shown in: by file path, then line and column. */
public final class DiagnosticOrder {
    public static final Comparator<Diagnostic> BY_FILE_AND_POSITION = Comparator
            .comparing((Diagnostic d) -> d.span().file().path())
            .thenComparingInt(d -> d.span().line())
            .thenComparingInt(d -> d.span().column());

    private DiagnosticOrder() {}
}
