package dev.palisade.dsl.compile;

import dev.palisade.dsl.lower.Negatable;

/** An atom or its negation: the leaves of a condition in negation normal form. */
record Literal(Atom atom, boolean negated) implements Negatable<Literal> {
    @Override
    public Literal negate() {
        return new Literal(atom, !negated);
    }
}
