package dev.palisade.dsl.model;

import java.util.List;

/**
 * One pattern of a rule: a fact, whether the rule binds it or asks that such a fact exists (or
 * not), and its constraints in order.
 *
 * @param bindings names the DRL rendering gives to properties of this fact so that other
 *                 patterns' join texts can refer to them ({@code $verb : verb}); the executable
 *                 model joins on the fact itself and ignores them
 */
public record PatternPlan<T>(FactVar<T> fact, Quantifier quantifier, List<String> bindings, List<Constraint<T>> constraints) {
    public PatternPlan {
        bindings = List.copyOf(bindings);
        constraints = List.copyOf(constraints);
        if (quantifier == Quantifier.MATCH && fact.name() == null) {
            throw new IllegalArgumentException("a matched fact needs a name");
        }
    }

    /** How a pattern takes part in its rule. */
    public enum Quantifier {
        /** Every match is a separate activation; the consequence or later patterns may refer to it. */
        MATCH,
        /** Some fact matches. */
        EXISTS,
        /** No fact matches. */
        NOT
    }
}
