package dev.palisade.engine.rbac;

/**
 * The token that ties a request to the {@link SubjectKey} facts of its identities: a query
 * whose {@code cluster} or {@code scope} is this object joins exactly the keys it owns. It has
 * identity equality on purpose, so the join hashes on the object and never compares strings.
 * {@link #empty()} when none of the identities has a grant in its scope: such a request needs
 * no session at all for that scope.
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
