package dev.palisade.dsl.lower;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** An atom of some stage, or its negation: the leaves of a condition in negation normal form. */
public record Literal<A extends Atom>(A atom, boolean negated) implements Negatable<Literal<A>> {
    public Literal {
        Objects.requireNonNull(atom, "atom");
    }

    @Override
    public Literal<A> negate() {
        return new Literal<>(atom, !negated);
    }

    /**
     * The fixed order of literals within a rule, for every stage: by {@link Atom#rank()}, then
     * {@link Atom#attribute()}, positive before negated, then by the atom's text. Rules sharing
     * leading tests share nodes, and the generated rules (and their DRL) are stable.
     */
    public static final Comparator<Literal<?>> ORDER = Comparator
            .comparingInt((Literal<?> l) -> l.atom().rank())
            .thenComparingInt(l -> l.atom().attribute())
            .thenComparing(Literal::negated)
            .thenComparing(l -> l.atom().toString());

    /** The literals of one DNF term in {@link #ORDER}. */
    public static <A extends Atom> List<Literal<A>> sorted(Collection<Literal<A>> term) {
        List<Literal<A>> out = new ArrayList<>(term);
        out.sort(ORDER);
        return out;
    }
}
