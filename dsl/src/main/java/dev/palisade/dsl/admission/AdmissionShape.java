package dev.palisade.dsl.admission;

import java.util.ArrayList;
import java.util.Comparator;
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
 * @param literals   the term's literals in a fixed order ({@link #ORDER})
 */
record AdmissionShape(int rule, int term, int stage, List<Integer> operations, List<Integer> resources,
                      int eachSource, List<Atom.Lit> literals) {
    AdmissionShape {
        operations = List.copyOf(operations);
        resources = List.copyOf(resources);
        literals = List.copyOf(literals);
    }

    static AdmissionShape of(int rule, int term, int stage, List<Integer> operations, List<Integer> resources,
                             int eachSource, Set<Atom.Lit> literals) {
        List<Atom.Lit> sorted = new ArrayList<>(literals);
        sorted.sort(ORDER);
        return new AdmissionShape(rule, term, stage, operations, resources, eachSource, sorted);
    }

    /** The Drools rule name: {@code aK_J}. */
    String name() {
        return "a" + rule + "_" + term;
    }

    /** Constant tests first so rules share hashed alpha nodes; a stable order makes the DRL stable too. */
    static final Comparator<Atom.Lit> ORDER = Comparator
            .comparingInt((Atom.Lit l) -> rank(l.atom()))
            .thenComparing(Atom.Lit::negated)
            .thenComparing(l -> l.atom().toString());

    private static int rank(Atom a) {
        if (a instanceof Atom.FieldEq) {
            return 0;
        }
        if (a instanceof Atom.FieldIn) {
            return 1;
        }
        if (a instanceof Atom.DryRun) {
            return 2;
        }
        if (a instanceof Atom.RootTest) {
            return 3;
        }
        if (a instanceof Atom.EachTest) {
            return 4;
        }
        return 5;
    }
}
