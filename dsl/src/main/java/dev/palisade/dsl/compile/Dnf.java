package dev.palisade.dsl.compile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A condition in disjunctive normal form: an OR of terms, each an AND of literals. The empty
 * term is true; no terms is false. Each term becomes one Drools rule, so the number of terms is
 * capped: beyond {@code cap} the operations throw {@link TooLarge}. Immutable.
 */
final class Dnf {
    static final Dnf TRUE = new Dnf(List.of(Set.of()));
    static final Dnf FALSE = new Dnf(List.of());

    private final List<Set<Literal>> terms;

    private Dnf(List<Set<Literal>> terms) {
        this.terms = terms;
    }

    static Dnf of(Literal literal) {
        return new Dnf(List.of(Set.of(literal)));
    }

    static Dnf constant(boolean value) {
        return value ? TRUE : FALSE;
    }

    List<Set<Literal>> terms() {
        return terms;
    }

    Dnf or(Dnf other, int cap) {
        if (isTrue() || other.isTrue()) {
            return TRUE;
        }
        Set<Set<Literal>> out = new LinkedHashSet<>(terms);
        out.addAll(other.terms);
        return checked(out, cap);
    }

    Dnf and(Dnf other, int cap) {
        if ((long) terms.size() * other.terms.size() > (long) cap * cap) {
            throw new TooLarge(cap);
        }
        Set<Set<Literal>> out = new LinkedHashSet<>();
        for (Set<Literal> a : terms) {
            for (Set<Literal> b : other.terms) {
                Set<Literal> t = new LinkedHashSet<>(a);
                t.addAll(b);
                if (!contradictory(t)) {
                    out.add(Set.copyOf(t));
                }
            }
        }
        if (out.contains(Set.of())) {
            return TRUE;
        }
        return checked(out, cap);
    }

    private boolean isTrue() {
        return terms.contains(Set.of());
    }

    private static Dnf checked(Set<Set<Literal>> terms, int cap) {
        if (terms.size() > cap) {
            throw new TooLarge(cap);
        }
        return new Dnf(List.copyOf(new ArrayList<>(terms)));
    }

    /** {@code x and not x} can never hold: drop the term rather than emit a dead rule. */
    private static boolean contradictory(Set<Literal> term) {
        for (Literal l : term) {
            if (!l.negated() && term.contains(l.negate())) {
                return true;
            }
        }
        return false;
    }

    /** The condition needs more than {@code cap} alternatives. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int cap;

        TooLarge(int cap) {
            super("condition expands to more than " + cap + " alternatives", null, false, false);
            this.cap = cap;
        }
    }
}
