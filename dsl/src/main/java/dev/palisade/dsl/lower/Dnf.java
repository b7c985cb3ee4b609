package dev.palisade.dsl.lower;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A condition in disjunctive normal form, shared by every stage: an OR of terms, each an AND of
 * literals. The empty term is true; no terms is false. Each term becomes one Drools rule, so the
 * number of terms is capped: beyond {@code cap} the operations throw {@link TooLarge} before the
 * product is built, so {@code (a or b) and (c or d) and ...} is refused instead of exhausting
 * memory. Immutable.
 */
public final class Dnf<L extends Negatable<L>> {
    private final List<Set<L>> terms;

    private Dnf(List<Set<L>> terms) {
        this.terms = terms;
    }

    public static <L extends Negatable<L>> Dnf<L> of(L literal) {
        return new Dnf<>(List.of(Set.of(literal)));
    }

    public static <L extends Negatable<L>> Dnf<L> constant(boolean value) {
        return new Dnf<>(value ? List.of(Set.<L>of()) : List.<Set<L>>of());
    }

    public List<Set<L>> terms() {
        return terms;
    }

    public Dnf<L> or(Dnf<L> other, int cap) {
        if (isTrue() || other.isTrue()) {
            return constant(true);
        }
        Set<Set<L>> out = new LinkedHashSet<>(terms);
        out.addAll(other.terms);
        return checked(out, cap);
    }

    public Dnf<L> and(Dnf<L> other, int cap) {
        if ((long) terms.size() * other.terms.size() > (long) cap * cap) {
            throw new TooLarge(cap);
        }
        Set<Set<L>> out = new LinkedHashSet<>();
        for (Set<L> a : terms) {
            for (Set<L> b : other.terms) {
                Set<L> t = new LinkedHashSet<>(a);
                t.addAll(b);
                if (!contradictory(t)) {
                    out.add(Set.copyOf(t));
                }
            }
        }
        if (out.contains(Set.<L>of())) {
            return constant(true);
        }
        return checked(out, cap);
    }

    private boolean isTrue() {
        return terms.contains(Set.<L>of());
    }

    private static <L extends Negatable<L>> Dnf<L> checked(Set<Set<L>> terms, int cap) {
        if (terms.size() > cap) {
            throw new TooLarge(cap);
        }
        return new Dnf<>(List.copyOf(new ArrayList<>(terms)));
    }

    /** {@code x and not x} can never hold: drop the term rather than emit a dead rule. */
    private static <L extends Negatable<L>> boolean contradictory(Set<L> term) {
        for (L l : term) {
            if (!l.negated() && term.contains(l.negate())) {
                return true;
            }
        }
        return false;
    }

    /** The condition needs more than {@code cap} alternatives. */
    public static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int cap;

        TooLarge(int cap) {
            super("condition expands to more than " + cap + " alternatives", null, false, false);
            this.cap = cap;
        }

        public int cap() {
            return cap;
        }
    }
}
