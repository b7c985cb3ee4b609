package dev.palisade.dsl.admission;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The output of {@link AdmissionCompiler}: DRL with only generated names and ints, and the Java
 * tables those ints index. {@link #build()} is expensive: once per policy version.
 */
public final class CompiledAdmissionSet {
    private final String drl;
    private final List<CompiledRule> rules;
    private final List<String> symbols;
    private final List<Node.Test> predicates;
    private final List<Source> sources;
    private final Set<Integer> factSources;

    CompiledAdmissionSet(String drl, List<CompiledRule> rules, List<String> symbols, List<Node.Test> predicates,
                         List<Source> sources, Set<Integer> factSources) {
        this.drl = Objects.requireNonNull(drl, "drl");
        this.rules = List.copyOf(rules);
        this.symbols = List.copyOf(symbols);
        this.predicates = List.copyOf(predicates);
        this.sources = List.copyOf(sources);
        this.factSources = Set.copyOf(factSources);
    }

    public String drl() {
        return drl;
    }

    /** Symbol K of the DRL's {@code == K}; for tests that prove the DRL holds no policy text. */
    public List<String> symbols() {
        return symbols;
    }

    public List<AdmissionRuleInfo> rules() {
        return rules.stream().map(CompiledRule::info).toList();
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public AdmissionProgram build() {
        return new AdmissionProgram(dev.palisade.dsl.compile.KieBaseBuilder.buildPackage(drl, DrlWriter.PACKAGE), rules, symbols, predicates, sources, factSources);
    }
}
