package dev.palisade.dsl.runtime;

import dev.palisade.dsl.schema.AuthzAttribute;

/**
 * One value of one {@code user.extra} key; {@code user.extra["k"]} is the set of ExtraFacts with
 * {@code keySym} of "k". Only keys the policy set names are inserted: no rule can see others.
 * Instances are reused per thread (see {@link PolicyProgram}): {@link #set} before insert,
 * {@link #clear} after delete.
 */
public final class ExtraFact {
    private final Predicate.Compiled[] predicates;
    private int keySym;
    private int sym;
    private String value;

    ExtraFact(Predicate.Compiled[] predicates) {
        this.predicates = predicates;
    }

    ExtraFact set(int keySym, int sym, String value) {
        this.keySym = keySym;
        this.sym = sym;
        this.value = value;
        return this;
    }

    void clear() {
        value = null;
    }

    public int getKeySym() {
        return keySym;
    }

    public int getSym() {
        return sym;
    }

    /** Runs predicate {@code id} on this value. */
    public boolean test(int id) {
        Predicate.Compiled p = predicates[id];
        if (p.predicate().subject() != AuthzAttribute.USER_EXTRA) {
            throw new IllegalStateException("predicate #" + id + " is not about user.extra");
        }
        return p.test(value, null);
    }
}
