package dev.palisade.dsl.admission;

import dev.palisade.dsl.lower.Literal;
import dev.palisade.dsl.model.Consequence;
import dev.palisade.dsl.model.Constraint;
import dev.palisade.dsl.model.FactVar;
import dev.palisade.dsl.model.IntProperty;
import dev.palisade.dsl.model.Key;
import dev.palisade.dsl.model.PatternPlan;
import dev.palisade.dsl.model.PatternPlan.Quantifier;
import dev.palisade.dsl.model.RuleBasePlan;
import dev.palisade.dsl.model.RulePlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The admission stage of the shared model: turns each {@link AdmissionShape} into a
 * {@link RulePlan} over the object view and its list elements, which the one
 * {@link dev.palisade.dsl.model.ModelBuilder} builds. The view pattern holds the stage, the
 * operation and resource sets and the view's literals; a {@code for each} rule binds its element
 * ({@code $e}); every {@link AdmissionAtom.Exists} is an {@code exists}/{@code not} pattern of elements
 * joined to the view or to {@code $e}. Equalities with one constant (stage, a field, a source)
 * are hashed, the joins on the view and the enclosing element beta-indexed.
 */
final class AdmissionPlans {
    static final String PACKAGE = "dev.palisade.generated.admission";

    private static final FactVar<ObjectFact> VIEW = new FactVar<>(ObjectFact.class, "$o");
    private static final FactVar<ElementFact> EACH = new FactVar<>(ElementFact.class, "$e");
    private static final List<Class<?>> FACTS = List.of(ObjectFact.class, ElementFact.class);

    /** Alpha index ids, distinct per fact class. */
    private static final IntProperty<ObjectFact> STAGE = IntProperty.of("stage", "ObjectFact.stage", 0,
            ObjectFact::getStage);
    private static final List<IntProperty<ObjectFact>> FIELDS = Arrays.stream(Field.values())
            .map(f -> IntProperty.<ObjectFact>of(f.property(), "ObjectFact." + f.property(), 1 + f.ordinal(),
                    o -> o.sym(f)))
            .toList();
    private static final IntProperty<ElementFact> SOURCE = IntProperty.of("source", "ElementFact.source", 0,
            ElementFact::getSource);

    /** Element-to-view and element-to-enclosing-element joins, hashed on identity of the fact joined. */
    private static final Constraint<ElementFact> ROOT_JOIN = Constraint.join("root == $o", VIEW,
            (e, o) -> e.getRoot() == o, new Constraint.BetaIndex<>(ObjectFact.class, 1,
                    new Key<>("ElementFact.root", ElementFact::getRoot), new Key<>("$o", o -> o)));
    private static final Constraint<ElementFact> PARENT_JOIN = Constraint.join("parent == $e", EACH,
            (e, parent) -> e.getParent() == parent, new Constraint.BetaIndex<>(ElementFact.class, 2,
                    new Key<>("ElementFact.parent", ElementFact::getParent), new Key<>("$e", e -> e)));

    private AdmissionPlans() {}

    static RuleBasePlan plan(List<AdmissionShape> shapes, int symbolCount) {
        List<RulePlan> rules = new ArrayList<>(shapes.size());
        for (AdmissionShape shape : shapes) {
            rules.add(rule(shape));
        }
        return new RuleBasePlan(PACKAGE, FACTS, symbolCount, rules);
    }

    static RulePlan rule(AdmissionShape shape) {
        List<PatternPlan<?>> patterns = new ArrayList<>();
        patterns.add(new PatternPlan<>(VIEW, Quantifier.MATCH, List.of(), viewConstraints(shape)));
        boolean each = shape.eachSource() >= 0;
        if (each) {
            List<Constraint<ElementFact>> onEach = new ArrayList<>();
            onEach.add(source(shape.eachSource()));
            onEach.add(ROOT_JOIN);
            for (Literal<AdmissionAtom> l : shape.literals()) {
                if (l.atom() instanceof AdmissionAtom.EachTest t) {
                    int predicate = t.predicate();
                    onEach.add(Constraint.test((l.negated() ? "!" : "") + "test(" + predicate + ", null)",
                            e -> e.test(predicate, null), l.negated()));
                }
            }
            patterns.add(new PatternPlan<>(EACH, Quantifier.MATCH, List.of(), onEach));
        } else if (shape.literals().stream().anyMatch(l -> l.atom() instanceof AdmissionAtom.EachTest)) {
            throw new IllegalArgumentException("element test in a rule without for each");
        }
        for (Literal<AdmissionAtom> l : shape.literals()) {
            if (l.atom() instanceof AdmissionAtom.Exists x) {
                patterns.add(exists(x, l.negated(), each));
            }
        }
        int rule = shape.rule();
        Consequence consequence = each
                ? new Consequence.RecordWith<>(VIEW, EACH, rule, (o, e, k) -> o.matched(k, e), "$o.matched(" + rule + ", $e);")
                : new Consequence.Record<>(VIEW, rule, (o, k) -> o.matched(k, null), "$o.matched(" + rule + ", null);");
        return new RulePlan(shape.name(), patterns, consequence);
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
            } else if (!(a instanceof AdmissionAtom.EachTest) && !(a instanceof AdmissionAtom.Exists)) {
                throw new IllegalArgumentException("unknown atom " + a);
            }
        }
        return view;
    }

    /** Elements of {@code x.source()} joined to {@code $e} or to the view, tested if the atom has a predicate. */
    private static PatternPlan<ElementFact> exists(AdmissionAtom.Exists x, boolean negated, boolean each) {
        List<Constraint<ElementFact>> c = new ArrayList<>();
        c.add(source(x.source()));
        if (x.underEach()) {
            if (!each) {
                throw new IllegalArgumentException("a list under the element in a rule without for each");
            }
            c.add(PARENT_JOIN);
        } else {
            c.add(ROOT_JOIN);
        }
        int predicate = x.predicate();
        if (predicate >= 0) {
            if (each) {
                c.add(Constraint.join("test(" + predicate + ", $e)", EACH, (e, with) -> e.test(predicate, with)));
            } else {
                c.add(Constraint.test("test(" + predicate + ", null)", e -> e.test(predicate, null), false));
            }
        }
        return new PatternPlan<>(FactVar.anonymous(ElementFact.class), negated ? Quantifier.NOT : Quantifier.EXISTS,
                List.of(), c);
    }

    private static Constraint<ElementFact> source(int source) {
        return Constraint.in(SOURCE, new int[] {source}, false);
    }

    private static IntProperty<ObjectFact> field(Field f) {
        return FIELDS.get(f.ordinal());
    }

    private static int[] ints(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).toArray();
    }
}
