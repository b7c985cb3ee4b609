package dev.palisade.dsl.admission;

import dev.palisade.dsl.model.ModelBuilder;
import dev.palisade.dsl.model.RuleBasePlan;
import java.util.List;
import java.util.Objects;

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

    CompiledAdmissionSet(List<AdmissionShape> shapes, List<CompiledRule> rules, List<String> symbols, List<Node.Test> predicates,
                         List<Source> sources) {
        this.shapes = List.copyOf(Objects.requireNonNull(shapes, "shapes"));
        this.rules = List.copyOf(rules);
        this.symbols = List.copyOf(symbols);
        this.predicates = List.copyOf(predicates);
        this.sources = List.copyOf(sources);
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
        return new AdmissionProgram(ModelBuilder.build(plan()), rules, symbols, predicates, sources, scans());
    }

    /**
     * The program over a KieBase built elsewhere from these very rules; the equivalence tests pass
     * one built from the DRL rendering of {@link #plan()} the classic way (that route is test code only).
     */
    AdmissionProgram withKieBase(org.kie.api.KieBase kieBase) {
        return new AdmissionProgram(kieBase, rules, symbols, predicates, sources, scans());
    }

    /** The {@link EachScan} of each shape with a {@code for each}, by shape index (null for the others). */
    private List<EachScan> scans() {
        List<EachScan> scans = new java.util.ArrayList<>(shapes.size());
        for (AdmissionShape shape : shapes) {
            if (shape.eachSource() < 0) {
                scans.add(null);
                continue;
            }
            java.util.LinkedList<Source> levels = new java.util.LinkedList<>();
            for (int id = shape.eachSource(); id >= 0; id = sources.get(id).parent()) {
                levels.addFirst(sources.get(id));
            }
            List<Node.Test> tests = new java.util.ArrayList<>();
            List<Boolean> negated = new java.util.ArrayList<>();
            for (dev.palisade.dsl.lower.Literal<AdmissionAtom> l : shape.literals()) {
                if (l.atom() instanceof AdmissionAtom.EachTest t) {
                    tests.add(predicates.get(t.predicate()));
                    negated.add(l.negated());
                }
            }
            scans.add(new EachScan(levels, tests, negated));
        }
        return scans;
    }
}
