package dev.palisade.engine.rbac;

/**
 * One identity of the requesting user as a fact: the user name, or one of its groups
 * ({@link #isGroup()}). Expanding the user's groups into facts lets the rules join grants on
 * hashed equality ({@code subjectName == $k.name}) instead of scanning every grant with
 * {@code contains}. The fact also carries the request ({@link #getQuery()}) and its namespace,
 * so that a request needs no fact of its own: one insert per identity, and no cross product
 * of request × identities in the network.
 *
 * <p>Mutable on purpose: each thread's session reuses its IdentityKey objects from request to
 * request (set while not in the session, never while inserted).
 */
public final class IdentityKey {
    private String name = "";
    private boolean group;
    private RbacQuery query;

    void set(String name, boolean group, RbacQuery query) {
        this.name = name;
        this.group = group;
        this.query = query;
    }

    void clear() {
        this.name = "";
        this.query = null;
    }

    public String getName() {
        return name;
    }

    public boolean isGroup() {
        return group;
    }

    public RbacQuery getQuery() {
        return query;
    }

    /** The request's namespace; "" for cluster-scoped and non-resource requests. */
    public String getNamespace() {
        return query.getNamespace();
    }

    @Override
    public String toString() {
        return "IdentityKey[" + (group ? SubjectMatcher.GROUP_KEY : SubjectMatcher.USER_KEY) + name + "]";
    }
}
