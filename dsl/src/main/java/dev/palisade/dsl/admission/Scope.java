package dev.palisade.dsl.admission;

/**
 * What a condition sees while it is evaluated: the request view and the current element of
 * every source in scope ({@code slots[sourceId]}). One per test call; never shared.
 */
final class Scope {
    final ObjectFact root;
    final Object[] slots;

    Scope(ObjectFact root, int sources) {
        this.root = root;
        this.slots = new Object[sources];
    }

    /** Binds {@code fact} and its enclosing elements. */
    Scope bind(ElementFact fact) {
        for (ElementFact f = fact; f != null; f = f.parent()) {
            slots[f.source()] = f.value();
        }
        return this;
    }
}
