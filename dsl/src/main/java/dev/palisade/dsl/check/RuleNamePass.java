package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Rule;
import dev.palisade.dsl.source.Diagnostic;
import java.util.List;

/**
 * Rule names must not be empty (or only whitespace): they are the visible half of the rule id.
 * Any other character is allowed; the id is data everywhere downstream, never spliced into code.
 */
final class RuleNamePass implements CheckPass {
    @Override
    public String name() {
        return "rule-names";
    }

    @Override
    public void run(List<PolicyFile> files, List<Diagnostic> out) {
        for (PolicyFile file : files) {
            for (Rule rule : file.rules()) {
                if (rule.name().isBlank()) {
                    out.add(Diagnostic.error(rule.nameSpan(), "rule name must not be empty",
                            "the name identifies the rule in decisions, e.g. \"pod-readers\""));
                }
            }
        }
    }
}
