package dev.palisade.dsl.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.constraint.Constraint;
import org.drools.base.util.index.ConstraintTypeOperator;
import org.drools.modelcompiler.constraints.LambdaConstraint;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Test helper: the rules of a built program as Drools holds them, one line per pattern, read off
 * the KieBase (rule names, exists/not, fact classes, each constraint's expression id), so golden
 * files show what was built rather than what was meant to be built.
 */
public final class ModelDump {
    private ModelDump() {}

    public static String of(PolicyProgram program) {
        List<RuleImpl> rules = new ArrayList<>();
        for (KiePackage pkg : program.kieBase().getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                rules.add((RuleImpl) rule);
            }
        }
        rules.sort(Comparator.comparingInt((RuleImpl r) -> part(r.getName(), 0)).thenComparingInt(r -> part(r.getName(), 1)));
        StringBuilder out = new StringBuilder();
        for (RuleImpl rule : rules) {
            out.append("rule ").append(rule.getName()).append('\n');
            element(rule.getLhs(), "", out);
        }
        return out.toString();
    }

    /** rK_J: part 0 is K, part 1 is J. */
    private static int part(String name, int i) {
        return Integer.parseInt(name.substring(1).split("_")[i]);
    }

    private static void element(RuleConditionElement e, String prefix, StringBuilder out) {
        if (e instanceof GroupElement g) {
            String inner = g.isExists() ? "exists " : g.isNot() ? "not " : "";
            if (!g.isAnd() && inner.isEmpty()) {
                throw new IllegalStateException("unexpected element " + g.getType());
            }
            for (RuleConditionElement child : g.getChildren()) {
                element(child, prefix + inner, out);
            }
        } else if (e instanceof Pattern p) {
            String type = ((ClassObjectType) p.getObjectType()).getClassType().getSimpleName();
            if (type.equals("InitialFactImpl")) {
                return;
            }
            String constraints = p.getConstraints().stream().map(ModelDump::constraint).collect(Collectors.joining(", "));
            out.append("    ").append(prefix).append(type)
               .append(constraints.isEmpty() ? "()" : "( " + constraints + " )").append('\n');
        } else {
            throw new IllegalStateException("unexpected element " + e);
        }
    }

    private static String constraint(Constraint c) {
        if (c instanceof LambdaConstraint l) {
            String indexed = l.getConstraintType() == ConstraintTypeOperator.EQUAL ? " [indexed]" : "";
            return l.getEvaluator().getId() + indexed;
        }
        throw new IllegalStateException("not a model constraint: " + c.getClass().getName());
    }
}
