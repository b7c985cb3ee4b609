package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.source.Diagnostic;
import java.util.List;

/** One named stage of the checker; adds what it finds to {@code out}. */
interface CheckPass {
    String name();

    void run(List<PolicyFile> files, List<Diagnostic> out);
}
