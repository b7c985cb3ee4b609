package dev.palisade.dsl.compile;

import dev.palisade.dsl.authn.AuthnProgram;
import dev.palisade.dsl.authn.AuthnRuleInfo;
import java.util.List;

/**
 * The output of {@link AuthnCompiler}: the compiled rules (generated names and ints, with
 * their tables) and, for rule K of the DRL, how authn rule K reports a rejection. {@link #build()}
 * is expensive: once per policy version.
 */
public final class CompiledAuthnSet {
    private final CompiledPolicySet rules;
    private final List<AuthnRuleInfo> infos;

    CompiledAuthnSet(CompiledPolicySet rules, List<AuthnRuleInfo> infos) {
        if (rules.rules().size() != infos.size()) {
            throw new IllegalArgumentException("one report entry per compiled rule");
        }
        this.rules = rules;
        this.infos = List.copyOf(infos);
    }

    /** The compiled rules and their symbol and predicate tables. */
    public CompiledPolicySet policySet() {
        return rules;
    }

    public List<AuthnRuleInfo> rules() {
        return infos;
    }

    /** Builds the rules' executable model (see {@link CompiledPolicySet#build()}). */
    public AuthnProgram build() {
        return new AuthnProgram(rules.build(), infos);
    }
}
