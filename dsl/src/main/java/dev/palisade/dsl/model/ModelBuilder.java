package dev.palisade.dsl.model;

import static org.drools.model.DSL.declarationOf;
import static org.drools.model.DSL.exists;
import static org.drools.model.DSL.not;
import static org.drools.model.DSL.on;
import static org.drools.model.PatternDSL.alphaIndexedBy;
import static org.drools.model.PatternDSL.betaIndexedBy;
import static org.drools.model.PatternDSL.pattern;
import static org.drools.model.PatternDSL.rule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.drools.model.Declaration;
import org.drools.model.Index;
import org.drools.model.PatternDSL.PatternDef;
import org.drools.model.Rule;
import org.drools.model.RuleItemBuilder;
import org.drools.model.functions.Block1;
import org.drools.model.functions.Block2;
import org.kie.api.KieBase;

/**
 * The one executable-model builder of every stage: turns {@link RulePlan}s into Drools rules and
 * those into an immutable KieBase. No DRL is parsed, no MVEL is analysed or run, no class is
 * generated. Each rule gets exactly the patterns and constraints of its plan, in order (which is
 * also what its DRL rendering shows); equalities with one constant are alpha-indexed, joins with
 * an index are beta-indexed, and the consequence records the rule index on a fact.
 */
public final class ModelBuilder {
    private ModelBuilder() {}

    public static KieBase build(RuleBasePlan plan) {
        BoxedIds.cover(plan.symbolCount());
        List<Rule> rules = new ArrayList<>(plan.rules().size());
        for (RulePlan r : plan.rules()) {
            rules.add(droolsRule(plan.packageName(), r));
        }
        return ModelKieBase.build(rules, plan.factClasses().get(0).getClassLoader());
    }

    private static Rule droolsRule(String packageName, RulePlan plan) {
        Map<String, Declaration<?>> declarations = new HashMap<>();
        List<RuleItemBuilder<?>> items = new ArrayList<>();
        for (PatternPlan<?> p : plan.patterns()) {
            items.add(item(p, declarations));
        }
        items.add(consequence(plan.consequence(), declarations));
        return rule(packageName, plan.name()).build(items.toArray(RuleItemBuilder<?>[]::new));
    }

    private static <T> RuleItemBuilder<?> item(PatternPlan<T> plan, Map<String, Declaration<?>> declarations) {
        FactVar<T> fact = plan.fact();
        Declaration<T> declaration = fact.name() == null ? declarationOf(fact.type())
                : declarationOf(fact.type(), fact.name());
        PatternDef<T> pattern = pattern(declaration);
        for (Constraint<T> c : plan.constraints()) {
            add(pattern, c, declarations);
        }
        if (fact.name() != null && declarations.put(fact.name(), declaration) != null) {
            throw new IllegalArgumentException("rule " + fact.name() + " bound twice");
        }
        return switch (plan.quantifier()) {
            case MATCH -> pattern;
            case EXISTS -> exists(pattern);
            case NOT -> not(pattern);
        };
    }

    private static <T> void add(PatternDef<T> pattern, Constraint<T> c, Map<String, Declaration<?>> declarations) {
        if (c instanceof Constraint.In<T> in) {
            Integer hashed = in.hashedValue();
            if (hashed == null) {
                pattern.expr(in.id(), in);
            } else {
                IntProperty<T> p = in.property();
                pattern.expr(in.id(), in, alphaIndexedBy(int.class, Index.ConstraintType.EQUAL, p.indexId(), p.key(), hashed));
            }
        } else if (c instanceof Constraint.Test<T> test) {
            pattern.expr(test.id(), test);
        } else if (c instanceof Constraint.Join<T, ?> join) {
            addJoin(pattern, join, declarations);
        } else {
            throw new IllegalArgumentException("unknown constraint " + c);
        }
    }

    private static <T, U> void addJoin(PatternDef<T> pattern, Constraint.Join<T, U> join,
                                       Map<String, Declaration<?>> declarations) {
        Declaration<U> with = declared(declarations, join.with());
        if (join.index() == null) {
            pattern.expr(join.id(), with, join);
        } else {
            addIndexedJoin(pattern, join, with, join.index());
        }
    }

    private static <T, U, V> void addIndexedJoin(PatternDef<T> pattern, Constraint.Join<T, U> join, Declaration<U> with,
                                                 Constraint.BetaIndex<T, U, V> index) {
        pattern.expr(join.id(), with, join, betaIndexedBy(index.type(), Index.ConstraintType.EQUAL, index.indexId(),
                index.left(), index.right()));
    }

    @SuppressWarnings("unchecked")
    private static <U> Declaration<U> declared(Map<String, Declaration<?>> declarations, FactVar<U> fact) {
        Declaration<?> d = declarations.get(fact.name());
        if (d == null || d.getType() != fact.type()) {
            throw new IllegalArgumentException(fact.name() + " is not a " + fact.type().getSimpleName()
                    + " bound by an earlier pattern");
        }
        return (Declaration<U>) d;
    }

    private static RuleItemBuilder<?> consequence(Consequence c, Map<String, Declaration<?>> declarations) {
        if (c instanceof Consequence.Record<?> r) {
            return record(r, declarations);
        }
        if (c instanceof Consequence.RecordWith<?, ?> r) {
            return recordWith(r, declarations);
        }
        throw new IllegalArgumentException("unknown consequence " + c);
    }

    private static <A> RuleItemBuilder<?> record(Consequence.Record<A> r, Map<String, Declaration<?>> declarations) {
        return on(declared(declarations, r.on())).execute(new RecordBlock<>(r.record(), r.rule()));
    }

    private static <A, B> RuleItemBuilder<?> recordWith(Consequence.RecordWith<A, B> r,
                                                        Map<String, Declaration<?>> declarations) {
        return on(declared(declarations, r.on()), declared(declarations, r.with()))
                .execute(new RecordWithBlock<>(r.record(), r.rule()));
    }

    // consequences are classes, not lambdas: Drools inspects a consequence lambda's bytecode

    private record RecordBlock<A>(java.util.function.ObjIntConsumer<A> record, int rule) implements Block1<A> {
        @Override
        public void execute(A fact) {
            record.accept(fact, rule);
        }
    }

    private record RecordWithBlock<A, B>(Consequence.Recorder<A, B> record, int rule) implements Block2<A, B> {
        @Override
        public void execute(A fact, B with) {
            record.record(fact, with, rule);
        }
    }
}
