package dev.palisade.engine.rbac;

import dev.palisade.engine.request.RequestAttributes;

/**
 * The one fact a request inserts: the request, the identity groups whose keys it may join
 * ({@code cluster} for ClusterRoleBindings, {@code scope} for the RoleBindings of its
 * namespace, null when there is none), and the allowing grant the rules write back
 * ({@link #offer}) rather than inserting decision facts, which measured cheaper. When several
 * grants allow, the one the apiserver would have visited first is kept. Reused by its thread
 * from request to request ({@link #reset}), never changed while inserted.
 */
public final class RbacQuery {
    private RequestAttributes request;
    private IdentityGroup cluster;
    private IdentityGroup scope;
    private RbacGrant allowedBy;

    RbacQuery() {}

    void reset(RequestAttributes request, IdentityGroup cluster, IdentityGroup scope) {
        this.request = request;
        this.cluster = cluster;
        this.scope = scope;
        this.allowedBy = null;
    }

    public IdentityGroup getCluster() {
        return cluster;
    }

    public IdentityGroup getScope() {
        return scope;
    }

    /** RulesAllow of the grant's role for this request. */
    public boolean permits(RbacGrant grant) {
        return grant.allows(request);
    }

    public void offer(RbacGrant grant) {
        if (allowedBy == null || grant.order() < allowedBy.order()) {
            allowedBy = grant;
        }
    }

    RbacGrant allowedBy() {
        return allowedBy;
    }
}
