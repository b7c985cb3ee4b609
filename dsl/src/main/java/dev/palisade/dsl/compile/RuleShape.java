package dev.palisade.dsl.compile;

import dev.palisade.dsl.lower.Literal;
import java.util.List;
import java.util.Set;

/**
 * One Drools rule to build: alternative {@code term} of policy rule {@code rule}, an AND of
 * literals in a fixed order. {@link AuthzPlans} turns it into the rule plan the shared
 * {@link dev.palisade.dsl.model.ModelBuilder} builds (and tests render as DRL). Holds only symbol
 * and predicate ids, never policy text.
 */
record RuleShape(int rule, int term, List<Literal<AuthzAtom>> literals) {
    RuleShape {
        literals = List.copyOf(literals);
    }

    static RuleShape of(int rule, int term, Set<Literal<AuthzAtom>> literals) {
        return new RuleShape(rule, term, Literal.sorted(literals));
    }

    /** The Drools rule name: {@code rK_J}. */
    String name() {
        return "r" + rule + "_" + term;
    }
}
