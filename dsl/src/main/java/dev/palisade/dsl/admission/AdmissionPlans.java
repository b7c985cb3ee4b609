package dev.palisade.dsl.admission;

import dev.palisade.dsl.lower.Literal;
import dev.palisade.dsl.model.Consequence;
import dev.palisade.dsl.model.Constraint;
import dev.palisade.dsl.model.FactVar;
import dev.palisade.dsl.model.IntProperty;
import dev.palisade.dsl.model.PatternPlan;
import dev.palisade.dsl.model.PatternPlan.Quantifier;
import dev.palisade.dsl.model.RuleBasePlan;
import dev.palisade.dsl.model.RulePlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The admission stage of the shared model: turns each {@link AdmissionShape} into a
 * {@link RulePlan} over the object view, which the one {@link dev.palisade.dsl.model.ModelBuilder}
 * builds. The view pattern holds the stage, the operation and resource sets and the view's
 * literals, hashed where they are equalities with constants; a {@code for each} alternative ends
 * with its {@link EachScan} ({@code each(K)}), whose matching elements the consequence records.
 * Quantifiers are predicates like any other leaf (see {@link Lowering}).
 */
final class AdmissionPlans {
    static final String PACKAGE = "dev.palisade.generated.admission";

    private static final FactVar<ObjectFact> VIEW = new FactVar<>(ObjectFact.class, "$o");
    private static final List<Class<?>> FACTS = List.of(ObjectFact.class);

    /** Alpha index ids. */
    private static final IntProperty<ObjectFact> STAGE = IntProperty.of("stage", "ObjectFact.stage", 0,
            ObjectFact::getStage);
    private static final List<IntProperty<ObjectFact>> FIELDS = Arrays.stream(Field.values())
            .map(f -> IntProperty.<ObjectFact>of(f.property(), "ObjectFact." + f.property(), 1 + f.ordinal(),
                    o -> o.sym(f)))
            .toList();

    private AdmissionPlans() {}

    static RuleBasePlan plan(List<AdmissionShape> shapes, int symbolCount) {
        List<RulePlan> rules = new ArrayList<>(shapes.size());
        for (int i = 0; i < shapes.size(); i++) {
            rules.add(rule(shapes.get(i), i));
        }
        return new RuleBasePlan(PACKAGE, FACTS, symbolCount, rules);
    }

    /** Shape {@code index} (its {@link EachScan}'s id too, when it has a {@code for each}). */
    static RulePlan rule(AdmissionShape shape, int index) {
        List<Constraint<ObjectFact>> view = viewConstraints(shape);
        int rule = shape.rule();
        if (shape.eachSource() < 0) {
            if (shape.literals().stream().anyMatch(l -> l.atom() instanceof AdmissionAtom.EachTest)) {
                throw new IllegalArgumentException("element test in a rule without for each");
            }
            return new RulePlan(shape.name(), List.of(new PatternPlan<>(VIEW, Quantifier.MATCH, List.of(), view)),
                    new Consequence.Record<>(VIEW, rule, (o, k) -> o.matched(k), "$o.matched(" + rule + ");"));
        }
        // last, so the walk runs only for views that passed every hashed test
        view.add(Constraint.test("each(" + index + ")", o -> o.each(index), false));
        return new RulePlan(shape.name(), List.of(new PatternPlan<>(VIEW, Quantifier.MATCH, List.of(), view)),
                new Consequence.Record<>(VIEW, rule, (o, k) -> o.matchedEach(k, index),
                        "$o.matchedEach(" + rule + ", " + index + ");"));
    }

    /** In order: stage, operation, resource, then the view's literals. */
    private static List<Constraint<ObjectFact>> viewConstraints(AdmissionShape shape) {
        List<Constraint<ObjectFact>> view = new ArrayList<>();
        view.add(Constraint.in(STAGE, new int[] {shape.stage()}, false));
        view.add(Constraint.in(field(Field.OPERATION), ints(shape.operations()), false));
        view.add(Constraint.in(field(Field.RESOURCE), ints(shape.resources()), false));
        for (Literal<AdmissionAtom> l : shape.literals()) {
            boolean neg = l.negated();
            AdmissionAtom a = l.atom();
            if (a instanceof AdmissionAtom.FieldEq f) {
                view.add(Constraint.in(field(f.field()), new int[] {f.sym()}, neg));
            } else if (a instanceof AdmissionAtom.FieldIn f) {
                view.add(Constraint.in(field(f.field()), ints(f.syms()), neg));
            } else if (a instanceof AdmissionAtom.DryRun) {
                view.add(Constraint.test("dryRun == " + !neg, ObjectFact::isDryRun, neg));
            } else if (a instanceof AdmissionAtom.RootTest t) {
                int predicate = t.predicate();
                view.add(Constraint.test((neg ? "!" : "") + "test(" + predicate + ")", o -> o.test(predicate), neg));
            } else if (!(a instanceof AdmissionAtom.EachTest)) {
                throw new IllegalArgumentException("unknown atom " + a);
            }
        }
        return view;
    }

    private static IntProperty<ObjectFact> field(Field f) {
        return FIELDS.get(f.ordinal());
    }

    private static int[] ints(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).toArray();
    }
}
