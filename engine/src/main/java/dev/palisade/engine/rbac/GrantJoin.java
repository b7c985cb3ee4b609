package dev.palisade.engine.rbac;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Runs the grant rule ({@link RbacKieBase}) for one identity set in one scope, in a session that
 * holds the grants: inserts a key for each identity with a ClusterRoleBinding grant and for each
 * with a RoleBinding grant in the namespace, fires, and deletes the keys again, so that between
 * joins the session holds only the grants.
 */
final class GrantJoin {
    private GrantJoin() {}

    static IdentityGroup join(KieSession session, GrantSet grants, List<String> subjectKeys, String namespace) {
        List<RbacGrant> found = new ArrayList<>();
        FactHandle[] handles = new FactHandle[2 * subjectKeys.size()];
        int count = 0;
        try {
            for (String key : subjectKeys) {
                if (grants.grantsClusterWide(key)) {
                    handles[count++] = session.insert(new SubjectKey(key, "", found));
                }
                if (!namespace.isEmpty() && grants.grantsIn(key, namespace)) {
                    handles[count++] = session.insert(new SubjectKey(key, namespace, found));
                }
            }
            if (count == 0) {
                return IdentityGroup.NONE;
            }
            session.fireAllRules();
        } finally {
            for (int i = 0; i < count; i++) {
                session.delete(handles[i]);
            }
        }
        session.fireAllRules(); // propagates the deletes now, not at the next join
        if (found.isEmpty()) {
            return IdentityGroup.NONE;
        }
        found.sort(Comparator.comparingInt(RbacGrant::order));
        return new IdentityGroup(found.toArray(RbacGrant[]::new));
    }
}
