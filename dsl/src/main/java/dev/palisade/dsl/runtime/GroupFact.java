package dev.palisade.dsl.runtime;

import dev.palisade.dsl.schema.AuthzAttribute;

/**
 * One of the requesting user's groups. Expanding groups into facts lets
 * {@code "readers" in user.groups} compile to the hashed equality {@code GroupFact(sym == 5)}
 * instead of an unhashed {@code contains} scan. Instances are reused per thread (see
 * {@link PolicyProgram}): {@link #set} before insert, {@link #clear} after delete.
 */
public final class GroupFact {
    private final Predicate.Compiled[] predicates;
    private int sym;
    private String value;

    GroupFact(Predicate.Compiled[] predicates) {
        this.predicates = predicates;
    }

    GroupFact set(int sym, String value) {
        this.sym = sym;
        this.value = value;
        return this;
    }

    void clear() {
        value = null;
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
