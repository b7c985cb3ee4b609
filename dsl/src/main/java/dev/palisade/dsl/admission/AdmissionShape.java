package dev.palisade.dsl.admission;

import dev.palisade.dsl.lower.Literal;
import java.util.List;
import java.util.Set;

/**
 * One Drools rule to build: alternative {@code term} of admission rule {@code rule}.
 * {@link AdmissionPlans} turns it into the rule plan the shared
 * {@link dev.palisade.dsl.model.ModelBuilder} builds (and tests render as DRL). Holds only ids and
 * ints, never policy or object text.
 *
 * @param stage      the view's stage: -1 for validating rules, the mutation's position otherwise
 * @param operations symbol ids of the operations the rule is on
 * @param resources  symbol ids of the resources the rule is on
 * @param eachSource the rule's {@code for each} source, or -1
 * @param literals   the term's literals in the shared fixed order ({@link Literal#ORDER})
 */
record AdmissionShape(int rule, int term, int stage, List<Integer> operations, List<Integer> resources,
                      int eachSource, List<Literal<AdmissionAtom>> literals) {
    AdmissionShape {
        operations = List.copyOf(operations);
        resources = List.copyOf(resources);
        literals = List.copyOf(literals);
    }

    static AdmissionShape of(int rule, int term, int stage, List<Integer> operations, List<Integer> resources,
                             int eachSource, Set<Literal<AdmissionAtom>> literals) {
        return new AdmissionShape(rule, term, stage, operations, resources, eachSource, Literal.sorted(literals));
    }

    /** The Drools rule name: {@code aK_J}. */
    String name() {
        return "a" + rule + "_" + term;
    }
}
