package dev.palisade.engine.rbac;

import dev.palisade.engine.authz.Reason;
import dev.palisade.engine.rbac.model.ClusterRoleBinding;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.rbac.model.RoleBinding;
import dev.palisade.engine.rbac.model.RoleRef;
import dev.palisade.engine.rbac.model.Subject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The immutable grant facts of one policy: one per (binding, subject) that can match anyone,
 * numbered in the apiserver's visiting order. A binding whose role is missing yields none: it
 * grants nothing, and the other bindings are unaffected.
 */
final class GrantSet {
    private final List<RbacGrant> grants;
    private final Set<String> userSubjects = new HashSet<>();
    private final Set<String> groupSubjects = new HashSet<>();
    private final Set<String> clusterWideSubjects = new HashSet<>();
    private final Map<String, Set<String>> namespacesBySubject = new HashMap<>();

    private GrantSet(List<RbacGrant> grants) {
        this.grants = List.copyOf(withoutShadowed(grants));
        for (RbacGrant g : this.grants) {
            (g.isGroup() ? groupSubjects : userSubjects).add(g.getSubjectName());
            if (g.isClusterWide()) {
                clusterWideSubjects.add(g.getSubjectKey());
            } else {
                namespacesBySubject.computeIfAbsent(g.getSubjectKey(), k -> new HashSet<>()).add(g.getNamespace());
            }
        }
    }

    /** What makes two grants interchangeable: the same subject, scope and (shared) rules array. */
    private record Shape(String subjectKey, String namespace, boolean clusterWide, PolicyRule[] rules) {}

    /**
     * Drops every grant that an earlier grant (lower order) shadows: same subject, same scope,
     * same role rules. Such a grant allows exactly the requests the earlier one allows, and the
     * decision always names the lowest-order allowing grant, so it can never be the answer; as a
     * fact it only costs a join candidate and an {@code allows} call per request (500
     * ClusterRoleBindings of one group to "view" are one grant here). {@code grants} is in order.
     */
    private static List<RbacGrant> withoutShadowed(List<RbacGrant> grants) {
        Set<Shape> seen = new HashSet<>();
        List<RbacGrant> kept = new ArrayList<>(grants.size());
        for (RbacGrant g : grants) {
            // PolicyRule[] compares by identity: rules are shared per role (rulesOf), so equal
            // identity means the same resolved role; distinct roles with equal rules stay apart
            if (seen.add(new Shape(g.getSubjectKey(), g.getNamespace(), g.isClusterWide(), g.rules()))) {
                kept.add(g);
            }
        }
        return kept;
    }

    /** Whether some grant's subject is this user (a service account by its user name). */
    boolean bindsUser(String name) {
        return userSubjects.contains(name);
    }

    /** Whether some grant's subject is this group. */
    boolean bindsGroup(String group) {
        return groupSubjects.contains(group);
    }

    /** Whether a ClusterRoleBinding grant names this subject key. */
    boolean grantsClusterWide(String subjectKey) {
        return clusterWideSubjects.contains(subjectKey);
    }

    /** Whether a RoleBinding grant of this namespace names this subject key. */
    boolean grantsIn(String subjectKey, String namespace) {
        Set<String> namespaces = namespacesBySubject.get(subjectKey);
        return namespaces != null && namespaces.contains(namespace);
    }

    static GrantSet of(List<ClusterRoleBinding> clusterRoleBindings, List<RoleBinding> roleBindings,
                       RuleResolver resolver) {
        List<RbacGrant> grants = new ArrayList<>();
        // one array per role, not per binding: 100,000 bindings of "view" share its rules
        Map<List<PolicyRule>, RoleRules> shared = new IdentityHashMap<>();
        int order = 0;
        for (ClusterRoleBinding b : clusterRoleBindings) {
            RoleRules rules = rulesOf(resolver, shared, b.roleRef(), "");
            if (rules == null) {
                continue;
            }
            for (Subject s : b.subjects()) {
                String key = SubjectMatcher.subjectKey(s, "");
                if (key != null) {
                    Reason reason = new Reason(RbacAuthorizer.NAME, RuleResolver.clusterBindingId(b),
                            RuleResolver.clusterBindingReason(b, s), b.source().render());
                    grants.add(new RbacGrant(key, "", true, rules, order, reason));
                }
                order++;
            }
        }
        for (RoleBinding b : roleBindings) {
            RoleRules rules = rulesOf(resolver, shared, b.roleRef(), b.namespace());
            if (rules == null || b.namespace().isEmpty()) {
                continue;
            }
            for (Subject s : b.subjects()) {
                String key = SubjectMatcher.subjectKey(s, b.namespace());
                if (key != null) {
                    Reason reason = new Reason(RbacAuthorizer.NAME, RuleResolver.roleBindingId(b),
                            RuleResolver.roleBindingReason(b, s), b.source().render());
                    grants.add(new RbacGrant(key, b.namespace(), false, rules, order, reason));
                }
                order++;
            }
        }
        return new GrantSet(grants);
    }

    private static RoleRules rulesOf(RuleResolver resolver, Map<List<PolicyRule>, RoleRules> shared,
                                     RoleRef ref, String namespace) {
        return resolver.roleRules(ref, namespace)
                .map(rules -> shared.computeIfAbsent(rules, r -> new RoleRules(r.toArray(PolicyRule[]::new))))
                .orElse(null);
    }

    List<RbacGrant> grants() {
        return grants;
    }
}
