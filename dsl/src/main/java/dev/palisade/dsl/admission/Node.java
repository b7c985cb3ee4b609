package dev.palisade.dsl.admission;

/** Compiled pieces of admission conditions, evaluated in Java on the facts' own values. */
final class Node {
    private Node() {}

    /** A value: JSON (Map, List, String, Number, Boolean) or null for absent. */
    interface Value {
        Object get(Scope s);
    }

    /** A boolean condition; absent values make comparisons false, never an error. */
    interface Test {
        boolean test(Scope s);
    }
}
