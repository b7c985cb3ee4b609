package dev.palisade.dsl.lower;

/** A literal of a condition in normal form: an atom of some stage, or its negation. */
public interface Negatable<L extends Negatable<L>> {
    L negate();

    boolean negated();
}
