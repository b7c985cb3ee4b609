package dev.palisade.dsl.compile;

import dev.palisade.dsl.lower.Literal;
import dev.palisade.dsl.model.ModelBuilder;
import dev.palisade.dsl.model.RuleBasePlan;
import dev.palisade.dsl.runtime.ListFactUse;
import dev.palisade.dsl.runtime.ListFactUse.Use;
import dev.palisade.dsl.runtime.PolicyProgram;
import dev.palisade.dsl.schema.AuthzAttribute;
import dev.palisade.dsl.runtime.Predicate;
import dev.palisade.dsl.runtime.SymbolTable;
import java.util.List;
import java.util.Objects;

/**
 * The output of {@link PolicyCompiler}: the Drools rules to build ({@link RuleShape}s: generated
 * names, symbol and predicate ids, nothing else), and the Java side tables those ids index.
 * Immutable. {@link #build()} builds them as an executable model (no DRL, no MVEL, no compiled
 * consequences) through the {@link ModelBuilder} every stage shares; {@link #plan()} is what it
 * builds, which tests also render as DRL (golden files, the classic build route they compare
 * against: both live in test scope).
 * {@link #build()} is the expensive part: call it once per policy version.
 */
public final class CompiledPolicySet {
    private final List<RuleShape> shapes;
    private final List<RuleInfo> rules;
    private final SymbolTable symbols;
    private final List<Predicate> predicates;

    CompiledPolicySet(List<RuleShape> shapes, List<RuleInfo> rules, SymbolTable symbols, List<Predicate> predicates) {
        this.shapes = List.copyOf(shapes);
        this.rules = List.copyOf(rules);
        this.symbols = Objects.requireNonNull(symbols, "symbols");
        this.predicates = List.copyOf(predicates);
    }

    /** The rules as the shared executable-model builder takes them: generated names, ids and ints. */
    public RuleBasePlan plan() {
        return AuthzPlans.plan(shapes, symbols.size());
    }

    /** The Drools rules, in order. */
    List<RuleShape> shapes() {
        return shapes;
    }

    /** Rule K of a rule's {@code matched(K)} is {@code rules().get(K)}. */
    public List<RuleInfo> rules() {
        return rules;
    }

    public SymbolTable symbols() {
        return symbols;
    }

    /** Predicate K of a rule's {@code test(K)}. */
    public List<Predicate> predicates() {
        return predicates;
    }

    /** Builds the KieBase from the executable model of the rules. */
    public PolicyProgram build() {
        return new PolicyProgram(ModelBuilder.build(plan()), rules, symbols, predicates, listFactUse());
    }

    /** Which list facts the rules join, and which memberships they test on the request: read off the atoms. */
    ListFactUse listFactUse() {
        boolean groupFacts = false;
        boolean extraFacts = false;
        boolean groupTests = false;
        boolean extraTests = false;
        for (RuleShape shape : shapes) {
            for (Literal<AuthzAtom> l : shape.literals()) {
                AuthzAtom a = l.atom();
                if (a instanceof AuthzAtom.HasMember m) {
                    groupTests |= m.list() == AuthzAttribute.USER_GROUPS;
                    extraTests |= m.list() == AuthzAttribute.USER_EXTRA;
                } else if (a instanceof AuthzAtom.MemberAttr || a instanceof AuthzAtom.AnyTest) {
                    AuthzAttribute list = a instanceof AuthzAtom.MemberAttr m ? m.list() : ((AuthzAtom.AnyTest) a).list();
                    groupFacts |= list == AuthzAttribute.USER_GROUPS;
                    extraFacts |= list == AuthzAttribute.USER_EXTRA;
                }
            }
        }
        return new ListFactUse(groupFacts ? Use.ALL_VALUES : Use.NONE, extraFacts ? Use.ALL_VALUES : Use.NONE,
                groupTests, extraTests);
    }
}
