package dev.palisade.dsl.admission;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An admission condition in disjunctive normal form: each term becomes one Drools rule. The
 * number of terms is capped, as for authorization rules, so a condition cannot silently explode.
 */
record Dnf(List<Set<Atom.Lit>> terms) {
    static final Dnf TRUE = new Dnf(List.of(Set.of()));
    static final Dnf FALSE = new Dnf(List.of());

    static Dnf of(Atom.Lit lit) {
        return new Dnf(List.of(Set.of(lit)));
    }

    Dnf or(Dnf other, int cap) {
        Set<Set<Atom.Lit>> out = new LinkedHashSet<>(terms);
        out.addAll(other.terms);
        return capped(out, cap);
    }

    Dnf and(Dnf other, int cap) {
        Set<Set<Atom.Lit>> out = new LinkedHashSet<>();
        for (Set<Atom.Lit> a : terms) {
            for (Set<Atom.Lit> b : other.terms) {
                Set<Atom.Lit> t = new LinkedHashSet<>(a);
                t.addAll(b);
                if (t.stream().noneMatch(l -> t.contains(l.negate()))) {
                    out.add(Set.copyOf(t));
                }
                if (out.size() > cap) {
                    throw new TooLarge();
                }
            }
        }
        return capped(out, cap);
    }

    private static Dnf capped(Set<Set<Atom.Lit>> terms, int cap) {
        if (terms.contains(Set.<Atom.Lit>of())) {
            return TRUE;
        }
        if (terms.size() > cap) {
            throw new TooLarge();
        }
        return new Dnf(List.copyOf(new ArrayList<>(terms)));
    }

    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }
}
