package dev.palisade.dsl.compile;

import dev.palisade.dsl.schema.AuthzAttribute;
import java.util.List;

/**
 * One indivisible test of a lowered condition. Every value is a symbol or predicate id, so an
 * atom can be rendered to DRL without any policy text.
 */
sealed interface Atom {

    /** {@code attr == sym} on the request fact. */
    record ScalarEq(AuthzAttribute attr, int sym) implements Atom {}

    /** {@code a == b}, both scalar attributes of the request fact; {@code a} orders before {@code b}. */
    record ScalarEqAttr(AuthzAttribute a, AuthzAttribute b) implements Atom {}

    /** {@code attr in (syms...)}; at least two distinct, sorted ids. */
    record ScalarIn(AuthzAttribute attr, List<Integer> syms) implements Atom {
        public ScalarIn {
            syms = List.copyOf(syms);
        }
    }

    /** The boolean attribute is true. */
    record Flag(AuthzAttribute attr) implements Atom {}

    /** Predicate {@code predicate} holds on the request fact. */
    record ScalarTest(int predicate) implements Atom {}

    /**
     * Some element of a list attribute equals {@code sym} ({@code keySym} is the extra key or -1),
     * tested on the request fact itself ({@code hasGroup(sym)}, {@code hasExtra(keySym, sym)})
     * rather than joined with a list fact; {@link RuleShape} orders it after the hashed equalities.
     */
    record HasMember(AuthzAttribute list, int keySym, int sym) implements Atom {}

    /** Some element of a list attribute equals the scalar attribute {@code attr} of the request. */
    record MemberAttr(AuthzAttribute list, int keySym, AuthzAttribute attr) implements Atom {}

    /** Predicate {@code predicate} holds on some element of a list attribute. */
    record AnyTest(AuthzAttribute list, int keySym, int predicate) implements Atom {}
}
