package dev.palisade.engine.rbac;

import org.kie.api.runtime.rule.FactHandle;

/**
 * The token that ties a request to the {@link SubjectKey} facts of its identities in one
 * scope (an identity set, in one namespace or cluster-wide): a query whose {@code identities}
 * is this object joins exactly the keys it owns. It has identity equality on purpose, so the
 * join hashes on the object and never compares strings. {@link #empty()} when none of the
 * identities has a grant in the scope: such a request needs no session at all.
 */
public final class IdentityGroup {
    /** The group of no keys: no grant in the scope names the identities. */
    static final IdentityGroup NONE = new IdentityGroup(new FactHandle[0]);

    private final FactHandle[] handles;

    IdentityGroup(FactHandle[] handles) {
        this.handles = handles;
    }

    /** The handles of the SubjectKey facts this group owns (filled in as they are inserted). */
    FactHandle[] handles() {
        return handles;
    }

    boolean empty() {
        return handles.length == 0;
    }
}
