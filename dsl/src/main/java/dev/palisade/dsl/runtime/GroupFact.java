package dev.palisade.dsl.runtime;

import dev.palisade.dsl.schema.AuthzAttribute;

/**
 * One of the requesting user's groups. Expanding groups into facts lets
 * {@code "readers" in user.groups} compile to the hashed equality {@code GroupFact(sym == 5)}
 * instead of an unhashed {@code contains} scan.
 */
public final class GroupFact {
    private final int sym;
    private final String value;
    private final Predicate.Compiled[] predicates;

    GroupFact(int sym, String value, Predicate.Compiled[] predicates) {
        this.sym = sym;
        this.value = value;
        this.predicates = predicates;
    }

    public int getSym() {
        return sym;
    }

    /** Runs predicate {@code id} on this group's name. */
    public boolean test(int id) {
        Predicate.Compiled p = predicates[id];
        if (p.predicate().subject() != AuthzAttribute.USER_GROUPS) {
            throw new IllegalStateException("predicate #" + id + " is not about user.groups");
        }
        return p.test(value, null);
    }
}
