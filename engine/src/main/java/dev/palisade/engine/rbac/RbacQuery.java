package dev.palisade.engine.rbac;

import dev.palisade.engine.request.RequestAttributes;

/**
 * The one fact a request inserts: the request, the identity group whose keys it joins (its
 * user's identities for the ClusterRoleBindings and for the RoleBindings of its namespace),
 * and the allowing grant the rules write back
 * ({@link #offer}) rather than inserting decision facts, which measured cheaper. When several
 * grants allow, the one the apiserver would have visited first is kept. Reused by its thread
 * from request to request ({@link #reset}), never changed while inserted.
 */
public final class RbacQuery {
    private RequestAttributes request;
    private IdentityGroup identities;
    private RbacGrant allowedBy;

    RbacQuery() {}

    void reset(RequestAttributes request, IdentityGroup identities) {
        this.request = request;
        this.identities = identities;
        this.allowedBy = null;
    }

    public IdentityGroup getIdentities() {
        return identities;
    }

    /** RulesAllow of the grant's role for this request. */
    public boolean permits(RbacGrant grant) {
        return request != null && grant.allows(request);
    }

    public void offer(RbacGrant grant) {
        if (allowedBy == null || grant.order() < allowedBy.order()) {
            allowedBy = grant;
        }
    }

    /** Drops the request (the identities stay until the next update: Drools must see every change). */
    void forget() {
        this.request = null;
        this.allowedBy = null;
    }

    RbacGrant allowedBy() {
        return allowedBy;
    }
}
