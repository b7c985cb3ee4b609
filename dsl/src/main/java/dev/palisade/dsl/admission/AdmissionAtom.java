package dev.palisade.dsl.admission;

import dev.palisade.dsl.lower.Atom;
import java.util.List;

/**
 * The admission leaves of the shared {@link Atom}: one indivisible test of a lowered admission
 * condition. Only ids, so a rule built from it holds no policy text. The ranks order a rule's
 * literals ({@code Literal.ORDER}): constant tests first so rules share hashed alpha nodes.
 */
sealed interface AdmissionAtom extends Atom {
    /** {@code field == sym} on the view: a hashed constant test. */
    record FieldEq(Field field, int sym) implements AdmissionAtom {
        @Override
        public int rank() {
            return 0;
        }
    }

    /** {@code field in (syms)}. */
    record FieldIn(Field field, List<Integer> syms) implements AdmissionAtom {
        public FieldIn {
            syms = List.copyOf(syms);
        }

        @Override
        public int rank() {
            return 1;
        }
    }

    /** The request is a dry run. */
    record DryRun() implements AdmissionAtom {
        @Override
        public int rank() {
            return 2;
        }
    }

    /** Predicate on the view alone. */
    record RootTest(int predicate) implements AdmissionAtom {
        @Override
        public int rank() {
            return 3;
        }
    }

    /** Predicate on the rule's {@code for each} element. */
    record EachTest(int predicate) implements AdmissionAtom {
        @Override
        public int rank() {
            return 4;
        }
    }
}
