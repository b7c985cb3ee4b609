package dev.palisade.dsl.runtime;

import java.util.ArrayList;
import java.util.List;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.IndexableConstraint;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.constraint.Constraint;
import org.drools.base.util.index.ConstraintTypeOperator;
import org.drools.modelcompiler.constraints.LambdaConstraint;
import org.drools.mvel.MVELConstraint;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Which per-element facts ({@link GroupFact}, {@link ExtraFact}) a built policy set can observe,
 * read off the KieBase's rules once at build time, so that a request inserts only facts some
 * rule could match:
 * <ul>
 *   <li>no rule has a pattern on the class: nothing is inserted ({@link Use#NONE});</li>
 *   <li>every constraint on the class compares a field with a constant ({@code sym == 5},
 *       {@code keySym == 2}): a value the policy set never mentions has no symbol id and can
 *       match none of them, nor change a {@code not} — only known values are inserted
 *       ({@link Use#KNOWN_VALUES});</li>
 *   <li>anything else (a predicate such as {@code startsWith}, a comparison with another
 *       attribute, a shape this code does not recognise): every value is inserted
 *       ({@link Use#ALL_VALUES}), exactly as before.</li>
 * </ul>
 * Unknown shapes fall to the safe side, so a future compiler change costs speed, never answers.
 *
 * <p>It also says whether some rule tests a membership on the request fact itself
 * ({@code hasGroup(k)}, {@code hasExtra(k, v)}: {@link #groupTests}, {@link #extraTests}); those
 * need no fact, but the request's groups (extra values) are then checked for nulls as when they
 * were inserted, so a broken request fails the same way. A constraint whose text cannot be read
 * counts as both.
 */
record ListFactUse(Use groups, Use extra, boolean groupTests, boolean extraTests) {

    enum Use { NONE, KNOWN_VALUES, ALL_VALUES }

    private static final ListFactUse UNKNOWN = new ListFactUse(Use.ALL_VALUES, Use.ALL_VALUES, true, true);

    /** No membership tested on the request fact. */
    ListFactUse(Use groups, Use extra) {
        this(groups, extra, false, false);
    }

    static ListFactUse of(KieBase kieBase) {
        Use[] use = {Use.NONE, Use.NONE};
        boolean[] tests = {false, false};
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                if (!(rule instanceof RuleImpl impl)) {
                    return UNKNOWN;
                }
                if (!walk(impl.getLhs(), use, tests)) {
                    return UNKNOWN;
                }
            }
        }
        return new ListFactUse(use[0], use[1], tests[0], tests[1]);
    }

    /** False when the element is not a shape recognised here. */
    private static boolean walk(RuleConditionElement element, Use[] use, boolean[] tests) {
        if (element instanceof GroupElement group) {
            for (RuleConditionElement child : new ArrayList<>(group.getChildren())) {
                if (!walk(child, use, tests)) {
                    return false;
                }
            }
            return true;
        }
        if (!(element instanceof Pattern pattern)) {
            return false;
        }
        if (pattern.getSource() != null || !(pattern.getObjectType() instanceof ClassObjectType type)) {
            return false;
        }
        int slot = type.getClassType() == GroupFact.class ? 0 : type.getClassType() == ExtraFact.class ? 1 : -1;
        if (slot < 0) {
            if (type.getClassType() == RequestFact.class) {
                for (Constraint c : pattern.getConstraints()) {
                    String text = text(c);
                    tests[0] |= text == null || text.contains("hasGroup(");
                    tests[1] |= text == null || text.contains("hasExtra(");
                }
            }
            return true; // the request fact, or InitialFact: not a list fact
        }
        Use here = constantsOnly(pattern.getConstraints()) ? Use.KNOWN_VALUES : Use.ALL_VALUES;
        if (here.ordinal() > use[slot].ordinal()) {
            use[slot] = here;
        }
        return true;
    }

    /** The generated text of a request constraint (ids and ints only), or null if unreadable. */
    private static String text(Constraint c) {
        if (c instanceof LambdaConstraint l) {
            return l.getEvaluator().getId();
        }
        if (c instanceof MVELConstraint m) {
            return m.getExpression();
        }
        return null;
    }

    private static boolean constantsOnly(List<Constraint> constraints) {
        for (Constraint c : constraints) {
            if (!(c instanceof IndexableConstraint ic)
                    || ic.getConstraintType() != ConstraintTypeOperator.EQUAL
                    || ic.getField() == null
                    || c.getRequiredDeclarations().length != 0) {
                return false;
            }
        }
        return true;
    }
}
