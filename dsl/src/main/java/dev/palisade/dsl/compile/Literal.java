package dev.palisade.dsl.compile;

/** An atom or its negation: the leaves of a condition in negation normal form. */
record Literal(Atom atom, boolean negated) {
    Literal negate() {
        return new Literal(atom, !negated);
    }
}
