package dev.palisade.dsl.compile;

import dev.palisade.dsl.lower.Atom;
import dev.palisade.dsl.schema.AuthzAttribute;
import java.util.List;

/**
 * The authorization and authn leaves of the shared {@link Atom}: one indivisible test of a lowered
 * condition on a request. Every value is a symbol or predicate id, so an atom can be built (and
 * rendered) without any policy text. The ranks order a rule's literals ({@code Literal.ORDER}).
 *
 * <p>A membership with a constant ({@code "g" in user.groups}, negated or not, and likewise
 * for an extra key) is a test on the request fact ({@link HasMember}), ranked after the
 * equalities with constants: Drools hashes those, so in the usual rule the test runs only for
 * the few requests that reach it, and no group or extra fact has to be inserted and joined
 * (each join cost a right tuple per inserted fact and rule). Rules with no equality before
 * it (only a group test) run it for every request, a bit test each — measured far cheaper
 * than the join they had: 1,000 such rules 12 us per request instead of 1.7 ms, because an
 * unconstrained request pattern sent a left tuple into every one of their joins.
 */
sealed interface AuthzAtom extends Atom {

    /** {@code attr == sym} on the request fact. */
    record ScalarEq(AuthzAttribute attr, int sym) implements AuthzAtom {
        @Override
        public int rank() {
            return 0;
        }

        @Override
        public int attribute() {
            return attr.ordinal();
        }
    }

    /** {@code a == b}, both scalar attributes of the request fact; {@code a} orders before {@code b}. */
    record ScalarEqAttr(AuthzAttribute a, AuthzAttribute b) implements AuthzAtom {
        @Override
        public int rank() {
            return 4;
        }

        @Override
        public int attribute() {
            return a.ordinal();
        }
    }

    /** {@code attr in (syms...)}; at least two distinct, sorted ids. */
    record ScalarIn(AuthzAttribute attr, List<Integer> syms) implements AuthzAtom {
        public ScalarIn {
            syms = List.copyOf(syms);
        }

        @Override
        public int rank() {
            return 1;
        }

        @Override
        public int attribute() {
            return attr.ordinal();
        }
    }

    /** The boolean attribute is true. */
    record Flag(AuthzAttribute attr) implements AuthzAtom {
        @Override
        public int rank() {
            return 2;
        }

        @Override
        public int attribute() {
            return attr.ordinal();
        }
    }

    /** Predicate {@code predicate} holds on the request fact. */
    record ScalarTest(int predicate) implements AuthzAtom {
        @Override
        public int rank() {
            return 5;
        }
    }

    /**
     * Some element of a list attribute equals {@code sym} ({@code keySym} is the extra key or -1),
     * tested on the request fact itself ({@code hasGroup(sym)}, {@code hasExtra(keySym, sym)})
     * rather than joined with a list fact.
     */
    record HasMember(AuthzAttribute list, int keySym, int sym) implements AuthzAtom {
        @Override
        public int rank() {
            return 3;
        }

        @Override
        public int attribute() {
            return list.ordinal();
        }
    }

    /** Some element of a list attribute equals the scalar attribute {@code attr} of the request. */
    record MemberAttr(AuthzAttribute list, int keySym, AuthzAttribute attr) implements AuthzAtom {
        @Override
        public int rank() {
            return 7;
        }

        @Override
        public int attribute() {
            return list.ordinal();
        }
    }

    /** Predicate {@code predicate} holds on some element of a list attribute. */
    record AnyTest(AuthzAttribute list, int keySym, int predicate) implements AuthzAtom {
        @Override
        public int rank() {
            return 8;
        }

        @Override
        public int attribute() {
            return list.ordinal();
        }
    }

    /**
     * A leaf with a computed operand ({@code lower(user.name) == "admin"}, {@code namespace == "team-" + x},
     * {@code regex(name, "...")}): run in Java on the request, ranked last so that every hashed and
     * cheap test of the rule runs first. {@code id} names it in the model (equal ids, equal tests).
     */
    record Computed(int id, dev.palisade.dsl.runtime.RequestExpression test) implements AuthzAtom {
        @Override
        public int rank() {
            return 9;
        }

        /** By id only: the order of a rule's literals must not depend on object identity. */
        @Override
        public String toString() {
            return "Computed[" + id + "]";
        }
    }
}
