package dev.palisade.dsl.compile;

import dev.palisade.dsl.source.SourceLimits;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Rule;
import dev.palisade.dsl.source.PolicyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compiles a checked policy set (authorization rules) to Drools rules of ids and ints plus the
 * side tables those ids refer to. Each rule's condition is brought into DNF; each alternative
 * becomes one Drools rule {@code rK_J} (policy rule K, alternative J) whose consequence records K
 * on the request fact; they are built as an executable model (see {@link CompiledPolicySet}).
 * Authn rules of the same files are left to {@link AuthnCompiler}.
 */
public final class PolicyCompiler {
    /** Most Drools rules one policy rule may expand to; keeps DNF blow-up visible and bounded. */
    public static final int MAX_ALTERNATIVES = SourceLimits.MAX_DNF_TERMS;

    private PolicyCompiler() {}

    /**
     * @throws IllegalArgumentException for an AST the checker should have rejected
     * @throws PolicyException          for a rule whose condition needs more than {@link #MAX_ALTERNATIVES} alternatives
     */
    public static CompiledPolicySet compile(List<PolicyFile> files) {
        Objects.requireNonNull(files, "files");
        List<RuleSetCompiler.Source> sources = new ArrayList<>();
        for (PolicyFile file : files) {
            Objects.requireNonNull(file, "policy file");
            for (Rule rule : file.rules()) {
                sources.add(new RuleSetCompiler.Source(info(file, rule), rule.condition(), rule.span()));
            }
        }
        return RuleSetCompiler.compile(sources, MAX_ALTERNATIVES);
    }

    private static RuleInfo info(PolicyFile file, Rule rule) {
        Objects.requireNonNull(rule, "rule");
        if (rule.effect() == null || rule.name() == null || rule.name().isEmpty()) {
            throw new IllegalArgumentException("rule without effect or name in " + file.source());
        }
        return new RuleInfo(RuleSetCompiler.id(file.packageName(), rule.name()), rule.effect(), rule.because(), rule.span());
    }
}
