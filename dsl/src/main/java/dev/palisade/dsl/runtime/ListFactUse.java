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
 */
record ListFactUse(Use groups, Use extra) {

    enum Use { NONE, KNOWN_VALUES, ALL_VALUES }

    static ListFactUse of(KieBase kieBase) {
        Use[] use = {Use.NONE, Use.NONE};
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                if (!(rule instanceof RuleImpl impl)) {
                    return new ListFactUse(Use.ALL_VALUES, Use.ALL_VALUES);
                }
                if (!walk(impl.getLhs(), use)) {
                    return new ListFactUse(Use.ALL_VALUES, Use.ALL_VALUES);
                }
            }
        }
        return new ListFactUse(use[0], use[1]);
    }

    /** False when the element is not a shape recognised here. */
    private static boolean walk(RuleConditionElement element, Use[] use) {
        if (element instanceof GroupElement group) {
            for (RuleConditionElement child : new ArrayList<>(group.getChildren())) {
                if (!walk(child, use)) {
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
            return true; // the request fact, or InitialFact: not a list fact
        }
        Use here = constantsOnly(pattern.getConstraints()) ? Use.KNOWN_VALUES : Use.ALL_VALUES;
        if (here.ordinal() > use[slot].ordinal()) {
            use[slot] = here;
        }
        return true;
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
