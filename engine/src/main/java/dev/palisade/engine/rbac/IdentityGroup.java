package dev.palisade.engine.rbac;

/**
 * The token that ties a request to the {@link SubjectKey} facts of its identities in one
 * scope (a user with its groups, in one namespace or cluster-wide): a query whose
 * {@code identities} is this object joins exactly the keys it owns. It has
 * identity equality on purpose, so the join hashes on the object and never compares strings.
 * {@link #empty()} when none of the identities has a grant in the scope: such a request needs
 * no session at all.
 */
public final class IdentityGroup {
    private final int keys;

    IdentityGroup(int keys) {
        this.keys = keys;
    }

    /** How many SubjectKey facts this group owns. */
    int keys() {
        return keys;
    }

    boolean empty() {
        return keys == 0;
    }
}
