package dev.palisade.dsl.admission;

import dev.palisade.dsl.model.ModelBuilder;
import dev.palisade.dsl.model.RuleBasePlan;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The output of {@link AdmissionCompiler}: rule shapes with only generated names and ints (built as
 * an executable model by the {@link ModelBuilder} every stage shares; tests render {@link #plan()} as
 * DRL), and the Java tables those ints index. {@link #build()} is expensive: once per policy version.
 */
public final class CompiledAdmissionSet {
    private final List<AdmissionShape> shapes;
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

    /** The rules as the shared executable-model builder takes them: generated names, ids and ints. */
    public RuleBasePlan plan() {
        return AdmissionPlans.plan(shapes, symbols.size());
    }

    List<AdmissionShape> shapes() {
        return shapes;
    }

    /** Symbol K of a rule's {@code == K}; for tests that prove the DRL holds no policy text. */
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
        return new AdmissionProgram(ModelBuilder.build(plan()), rules, symbols, predicates, sources,
                factSources);
    }

    /**
     * The program over a KieBase built elsewhere from these very rules; the equivalence tests pass
     * one built from the DRL rendering of {@link #plan()} the classic way (that route is test code only).
     */
    AdmissionProgram withKieBase(org.kie.api.KieBase kieBase) {
        return new AdmissionProgram(kieBase, rules, symbols, predicates, sources, factSources);
    }
}
