package dev.palisade.engine.rbac;

import dev.palisade.engine.request.RequestAttributes;

/**
 * The grants of one identity set in one scope (a namespace's RoleBindings plus the
 * ClusterRoleBindings, or the ClusterRoleBindings alone), as the grant rule joined them, in the
 * order the apiserver visits them. Immutable once built, so a request reads it without holding
 * the session that built it. {@link #NONE} when no grant in the scope names any of the
 * identities: such a request is no opinion at once.
 */
final class IdentityGroup {
    /** No grant in the scope names the identities. */
    static final IdentityGroup NONE = new IdentityGroup(new RbacGrant[0]);

    private final RbacGrant[] grants;

    /** {@code grants} in visiting order ({@link RbacGrant#order()}). */
    IdentityGroup(RbacGrant[] grants) {
        this.grants = grants;
    }

    /**
     * The first grant, in the apiserver's visiting order, whose role allows the request — the
     * one the apiserver's decision names — or null. Stops at that grant: the ones after it
     * cannot change the answer.
     */
    RbacGrant firstAllowing(RequestAttributes request) {
        if (grants.length == 0) {
            return null;
        }
        long verbBit = RoleRules.verbBit(request.verb());
        for (RbacGrant grant : grants) {
            if (grant.allows(request, verbBit)) {
                return grant;
            }
        }
        return null;
    }

    int size() {
        return grants.length;
    }
}
