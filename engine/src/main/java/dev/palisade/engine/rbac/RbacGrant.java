package dev.palisade.engine.rbac;

import dev.palisade.engine.authz.Reason;
import dev.palisade.engine.rbac.model.PolicyRule;

/**
 * One (binding, subject) pair as a static fact: who ({@code subjectKey}), where
 * ({@code namespace}, "" and {@code clusterWide} for a ClusterRoleBinding), which rules (the
 * resolved role's), and the reason to report. {@code order} ranks grants as the apiserver
 * visits them (ClusterRoleBindings first, then by binding and subject position), so that
 * the decision names the same binding and subject the apiserver would.
 */
public final class RbacGrant {
    private final String subjectKey;
    private final String namespace;
    private final boolean clusterWide;
    private final PolicyRule[] rules;
    private final int order;
    private final Reason reason;

    RbacGrant(String subjectKey, String namespace, boolean clusterWide, PolicyRule[] rules, int order, Reason reason) {
        this.subjectKey = subjectKey;
        this.namespace = namespace;
        this.clusterWide = clusterWide;
        this.rules = rules;
        this.order = order;
        this.reason = reason;
    }

    public String getSubjectKey() {
        return subjectKey;
    }

    public String getNamespace() {
        return namespace;
    }

    public boolean isClusterWide() {
        return clusterWide;
    }

    /** RulesAllow over the role's rules: the check the rules run on the few candidates the join leaves. */
    public boolean allows(RbacQuery query) {
        for (PolicyRule rule : rules) {
            if (RuleMatcher.ruleAllows(rule, query.request(), query.combinedResource())) {
                return true;
            }
        }
        return false;
    }

    int order() {
        return order;
    }

    Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "RbacGrant[" + subjectKey + (clusterWide ? "" : " in " + namespace) + " #" + order + "]";
    }
}
