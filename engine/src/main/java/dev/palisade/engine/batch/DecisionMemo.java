package dev.palisade.engine.batch;

import dev.palisade.engine.abac.AbacAuthorizer;
import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.authz.AuthorizerChain;
import dev.palisade.engine.authz.StaticAuthorizer;
import dev.palisade.engine.policy.PolicyAuthorizer;
import dev.palisade.engine.rbac.RbacAuthorizer;
import java.util.List;

/**
 * Whether decisions may be memoised: only when every authorizer is a pure function of the
 * request attributes. The engine's own DSL, RBAC, ABAC and static authorizers are (their
 * policies are fixed at build time); a Webhook authorizer is not (the remote side changes, and
 * it caches with a TTL of its own), and neither is an authorizer we do not know, so the check is
 * a list of the known-pure kinds rather than a list of the impure ones.
 */
final class DecisionMemo {
    private DecisionMemo() {}

    /** The name of the first authorizer that is not known to be pure, or null when all are. */
    static String impureAuthorizer(List<Authorizer> authorizers) {
        for (Authorizer a : authorizers) {
            if (a instanceof AuthorizerChain chain) {
                String inner = impureAuthorizer(chain.authorizers());
                if (inner != null) {
                    return inner;
                }
            } else if (!(a instanceof PolicyAuthorizer || a instanceof RbacAuthorizer || a instanceof AbacAuthorizer
                    || a instanceof StaticAuthorizer)) {
                return a.name();
            }
        }
        return null;
    }
}
