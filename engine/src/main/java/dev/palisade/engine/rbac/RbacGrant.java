package dev.palisade.engine.rbac;

import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Reason;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.request.RequestAttributes;

/**
 * One (binding, subject) pair as a static fact: who ({@code subjectName}, a user name — a
 * service account's {@code system:serviceaccount:NS:NAME} — or, when {@code group}, a group), where
 * ({@code namespace}, "" and {@code clusterWide} for a ClusterRoleBinding), which rules (the
 * resolved role's), and the reason to report. {@code order} ranks grants as the apiserver
 * visits them (ClusterRoleBindings first, then by binding and subject position), so that
 * the decision names the same binding and subject the apiserver would.
 */
public final class RbacGrant {
    private final String subjectKey;
    private final String subjectName;
    private final boolean group;
    private final String namespace;
    private final boolean clusterWide;
    private final RoleRules rules;
    private final int order;
    private final Decision allow; // immutable, so one per grant instead of one per request

    RbacGrant(String subjectKey, String namespace, boolean clusterWide, RoleRules rules, int order, Reason reason) {
        this.subjectKey = subjectKey;
        this.group = subjectKey.startsWith(SubjectMatcher.GROUP_KEY);
        this.subjectName = subjectKey.substring(2);
        this.namespace = namespace;
        this.clusterWide = clusterWide;
        this.rules = rules;
        this.order = order;
        this.allow = Decision.allow(reason);
    }

    public String getSubjectKey() {
        return subjectKey;
    }

    public String getSubjectName() {
        return subjectName;
    }

    public boolean isGroup() {
        return group;
    }

    public String getNamespace() {
        return namespace;
    }

    public boolean isClusterWide() {
        return clusterWide;
    }

    /** RulesAllow over the role's rules, for a request whose verb has bit {@code verbBit} ({@link RoleRules#verbBit}). */
    boolean allows(RequestAttributes request, long verbBit) {
        return rules.allows(request, verbBit);
    }

    /** The role's rules (one array per role). */
    PolicyRule[] rules() {
        return rules.rules();
    }

    int order() {
        return order;
    }

    Decision allowDecision() {
        return allow;
    }

    @Override
    public String toString() {
        return "RbacGrant[" + subjectKey + (clusterWide ? "" : " in " + namespace) + " #" + order + "]";
    }
}
