package dev.palisade.dsl.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Test scope: renders a {@link RuleBasePlan} of any stage as DRL, for golden files, for reading,
 * and for the classic build route the equivalence tests compare the executable model against.
 * Every constraint's text is its expression id, so the DRL shows exactly what the model builds.
 * Everything written is a keyword, a class or property name from the code, a generated name or an
 * int: the plan holds no policy or request text, so none can reach the output.
 */
public final class DrlWriter {
    private DrlWriter() {}

    public static String drl(RuleBasePlan plan) {
        StringBuilder out = new StringBuilder();
        out.append("package ").append(plan.packageName()).append(";\n\n");
        for (Class<?> c : plan.factClasses()) {
            out.append("import ").append(c.getName()).append(";\n");
        }
        for (RulePlan rule : plan.rules()) {
            out.append("\nrule \"").append(rule.name()).append("\"\nwhen\n");
            for (PatternPlan<?> p : rule.patterns()) {
                out.append("    ").append(pattern(p)).append('\n');
            }
            out.append("then\n    ").append(rule.consequence().drl()).append("\nend\n");
        }
        return out.toString();
    }

    private static String pattern(PatternPlan<?> p) {
        List<String> parts = new ArrayList<>(p.bindings());
        for (Constraint<?> c : p.constraints()) {
            parts.add(c.id());
        }
        String prefix = switch (p.quantifier()) {
            case MATCH -> p.fact().name() + " : ";
            case EXISTS -> "exists ";
            case NOT -> "not ";
        };
        return prefix + p.fact().type().getSimpleName() + "( " + String.join(", ", parts) + (parts.isEmpty() ? ")" : " )");
    }
}
