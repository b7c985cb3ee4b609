package dev.palisade.dsl.admission;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The output of {@link AdmissionCompiler}: rule shapes with only generated names and ints (built as
 * an executable model, rendered as DRL on demand), and the Java tables those ints index. {@link #build()} is expensive: once per policy version.
 */
public final class CompiledAdmissionSet {
    private final List<AdmissionShape> shapes;
    private volatile String drl;
    private final List<CompiledRule> rules;
    private final List<String> symbols;
    private final List<Node.Test> predicates;
    private final List<Source> sources;
    private final Set<Integer> factSources;

    CompiledAdmissionSet(List<AdmissionShape> shapes, List<CompiledRule> rules, List<String> symbols, List<Node.Test> predicates,
                         List<Source> sources, Set<Integer> factSources) {
        this.shapes = List.copyOf(Objects.requireNonNull(shapes, "shapes"));
        this.rules = List.copyOf(rules);
        this.symbols = List.copyOf(symbols);
        this.predicates = List.copyOf(predicates);
        this.sources = List.copyOf(sources);
        this.factSources = Set.copyOf(factSources);
    }

    /** The rules as DRL (rendered on first use): for reading, golden files and tests; not what is built. */
    public String drl() {
        String d = drl;
        if (d == null) {
            DrlWriter w = new DrlWriter();
            shapes.forEach(w::rule);
            drl = d = w.drl();
        }
        return d;
    }

    List<AdmissionShape> shapes() {
        return shapes;
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

    /** Builds the rules as a Drools executable model: no DRL parse, no MVEL, no generated classes. */
    public AdmissionProgram build() {
        return new AdmissionProgram(AdmissionModel.build(shapes, symbols.size()), rules, symbols, predicates, sources,
                factSources);
    }

    /**
     * The program over a KieBase built elsewhere from these very rules; the equivalence tests pass
     * one built from {@link #drl()} the classic way (that route is test code only).
     */
    AdmissionProgram withKieBase(org.kie.api.KieBase kieBase) {
        return new AdmissionProgram(kieBase, rules, symbols, predicates, sources, factSources);
    }
}
