package dev.palisade.dsl.compile;

import dev.palisade.dsl.runtime.PolicyProgram;
import dev.palisade.dsl.runtime.Predicate;
import dev.palisade.dsl.runtime.SymbolTable;
import java.util.List;
import java.util.Objects;

/**
 * The output of {@link PolicyCompiler}: DRL that mentions only generated names and ints, and
 * the Java side tables those ints index. Immutable. {@link #build()} is expensive (seconds):
 * call it once per policy version.
 */
public final class CompiledPolicySet {
    private final String drl;
    private final List<RuleInfo> rules;
    private final SymbolTable symbols;
    private final List<Predicate> predicates;

    CompiledPolicySet(String drl, List<RuleInfo> rules, SymbolTable symbols, List<Predicate> predicates) {
        this.drl = Objects.requireNonNull(drl, "drl");
        this.rules = List.copyOf(rules);
        this.symbols = Objects.requireNonNull(symbols, "symbols");
        this.predicates = List.copyOf(predicates);
    }

    public String drl() {
        return drl;
    }

    /** Rule K of the DRL's {@code matched(K)} is {@code rules().get(K)}. */
    public List<RuleInfo> rules() {
        return rules;
    }

    public SymbolTable symbols() {
        return symbols;
    }

    /** Predicate K of the DRL's {@code test(K)}. */
    public List<Predicate> predicates() {
        return predicates;
    }

    /** Builds the KieBase. @throws PolicyBuildException with Drools' messages if the DRL does not build */
    public PolicyProgram build() {
        return new PolicyProgram(KieBaseBuilder.build(drl), rules, symbols, predicates);
    }
}
