package dev.palisade.dsl.admission;

import dev.palisade.dsl.lower.Negatable;
import java.util.List;

/** One indivisible test of a lowered admission condition; only ids, so it renders to DRL without policy text. */
sealed interface Atom {
    /** {@code field == sym} on the view: a hashed constant test. */
    record FieldEq(Field field, int sym) implements Atom {}

    /** {@code field in (syms)}. */
    record FieldIn(Field field, List<Integer> syms) implements Atom {
        public FieldIn {
            syms = List.copyOf(syms);
        }
    }

    /** The request is a dry run. */
    record DryRun() implements Atom {}

    /** Predicate on the view alone. */
    record RootTest(int predicate) implements Atom {}

    /** Predicate on the rule's {@code for each} element. */
    record EachTest(int predicate) implements Atom {}

    /**
     * Some element of {@code source} satisfies the predicate ({@code -1}: any element);
     * {@code underEach}: the source lists hang below the rule's {@code for each} element.
     */
    record Exists(int source, boolean underEach, int predicate) implements Atom {}

    /** An atom or its negation. */
    record Lit(Atom atom, boolean negated) implements Negatable<Lit> {
        @Override
        public Lit negate() {
            return new Lit(atom, !negated);
        }
    }
}
