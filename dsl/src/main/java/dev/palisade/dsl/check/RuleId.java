package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.AuthnRule;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Rule;

/** The stable id of a rule: {@code package/name}, or just {@code name} in a file without package. */
public final class RuleId {
    private RuleId() {}

    public static String of(PolicyFile file, Rule rule) {
        return of(file, rule.name());
    }

    public static String of(PolicyFile file, AuthnRule rule) {
        return of(file, rule.name());
    }

    private static String of(PolicyFile file, String name) {
        return file.packageName().isEmpty() ? name : file.packageName() + "/" + name;
    }
}
