package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Rule;

/** The stable id of a rule: {@code package/name}, or just {@code name} in a file without package. */
public final class RuleId {
    private RuleId() {}

    public static String of(PolicyFile file, Rule rule) {
        return file.packageName().isEmpty() ? rule.name() : file.packageName() + "/" + rule.name();
    }
}
