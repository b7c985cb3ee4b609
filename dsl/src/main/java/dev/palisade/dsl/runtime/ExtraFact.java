package dev.palisade.dsl.runtime;

import dev.palisade.dsl.schema.AuthzAttribute;

/**
 * One value of one {@code user.extra} key; {@code user.extra["k"]} is the set of ExtraFacts with
 * {@code keySym} of "k". Only keys the policy set names are inserted: no rule can see others.
 */
public final class ExtraFact {
    private final int keySym;
    private final int sym;
    private final String value;
    private final Predicate.Compiled[] predicates;

    ExtraFact(int keySym, int sym, String value, Predicate.Compiled[] predicates) {
        this.keySym = keySym;
        this.sym = sym;
        this.value = value;
        this.predicates = predicates;
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
