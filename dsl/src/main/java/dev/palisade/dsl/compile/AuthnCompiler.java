package dev.palisade.dsl.compile;

import dev.palisade.dsl.ast.AuthnRule;
import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.authn.AuthnRuleInfo;
import dev.palisade.dsl.source.PolicyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compiles the authn rules of a checked policy set exactly as authorization rules are compiled
 * (same symbol tables, same rule shapes and model, no policy text in generated rules). Each reject rule becomes a rule
 * with effect {@link Effect#DENY} in the shared side table: "this rule says no"; what no means
 * here (a 401 instead of a 403) is decided by {@link dev.palisade.dsl.authn.AuthnProgram}.
 */
public final class AuthnCompiler {
    private AuthnCompiler() {}

    /**
     * @throws IllegalArgumentException for an AST the checker should have rejected
     * @throws PolicyException          for a rule whose condition needs too many alternatives
     */
    public static CompiledAuthnSet compile(List<PolicyFile> files) {
        Objects.requireNonNull(files, "files");
        List<RuleSetCompiler.Source> sources = new ArrayList<>();
        List<AuthnRuleInfo> infos = new ArrayList<>();
        for (PolicyFile file : files) {
            Objects.requireNonNull(file, "policy file");
            for (AuthnRule rule : file.authnRules()) {
                Objects.requireNonNull(rule, "rule");
                if (rule.name() == null || rule.name().isEmpty()) {
                    throw new IllegalArgumentException("authn rule without name in " + file.source());
                }
                String id = RuleSetCompiler.id(file.packageName(), rule.name());
                sources.add(new RuleSetCompiler.Source(new RuleInfo(id, Effect.DENY, rule.because(), rule.span()),
                        rule.condition(), rule.span()));
                infos.add(new AuthnRuleInfo(id, rule.because(), rule.span()));
            }
        }
        return new CompiledAuthnSet(RuleSetCompiler.compile(sources, PolicyCompiler.MAX_ALTERNATIVES), infos);
    }
}
