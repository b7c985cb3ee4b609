package dev.palisade.benchmarks;

import dev.palisade.engine.rbac.model.ClusterRole;
import dev.palisade.engine.rbac.model.ClusterRoleBinding;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.rbac.model.RbacPolicy;
import dev.palisade.engine.rbac.model.Role;
import dev.palisade.engine.rbac.model.RoleBinding;
import dev.palisade.engine.rbac.model.RoleRef;
import dev.palisade.engine.rbac.model.Subject;
import dev.palisade.engine.request.RequestAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The floor: a plain hand-written Java index over the workload's grants and DSL rules, answering
 * the same question as the Palisade chain (guard-rail rules first, deny overrides allow; then
 * RBAC; nothing matched is no opinion). HashMaps keyed on identity and namespace, a small
 * RuleAllows port, no allocation per request. Written independently of the engine's matcher so
 * that the agreement check compares two implementations.
 */
public final class IndexAuthorizer {
    /** How a request ends; the chain denies NO_OPINION. */
    public enum Outcome {
        POLICY_DENY, POLICY_ALLOW, RBAC_ALLOW, NO_OPINION;

        public boolean allowed() {
            return this == POLICY_ALLOW || this == RBAC_ALLOW;
        }
    }

    private static final PolicyRule[][] NONE = new PolicyRule[0][];

    // identity ("u:name" / "g:group") -> namespace ("*" for cluster-wide) -> role rule sets,
    // split by kind so that a request looks names up without building keys
    private final Map<String, Map<String, PolicyRule[][]>> userGrants = new HashMap<>();
    private final Map<String, Map<String, PolicyRule[][]>> groupGrants = new HashMap<>();
    // DSL rules: group -> namespace -> resource for team denies; user -> verbs for user denies;
    // group -> namespace -> resource -> verbs for allows
    private final Map<String, Map<String, Set<String>>> groupDenies = new HashMap<>();
    private final Map<String, Set<String>> userDenies = new HashMap<>();
    private final Map<String, Map<String, Map<String, Set<String>>>> groupAllows = new HashMap<>();

    public IndexAuthorizer(Workload w) {
        RbacPolicy p = w.policy();
        Map<String, List<PolicyRule>> clusterRoles = new HashMap<>();
        for (ClusterRole r : p.clusterRoles()) {
            clusterRoles.putIfAbsent(r.name(), r.rules());
        }
        Map<String, List<PolicyRule>> roles = new HashMap<>();
        for (Role r : p.roles()) {
            roles.putIfAbsent(r.namespace() + "/" + r.name(), r.rules());
        }
        Map<String, Map<String, List<PolicyRule[]>>> building = new HashMap<>();
        for (ClusterRoleBinding b : p.clusterRoleBindings()) {
            List<PolicyRule> rules = RoleRef.CLUSTER_ROLE.equals(b.roleRef().kind()) ? clusterRoles.get(b.roleRef().name()) : null;
            for (Subject s : b.subjects()) {
                add(building, key(s, ""), "*", rules);
            }
        }
        for (RoleBinding b : p.roleBindings()) {
            List<PolicyRule> rules = RoleRef.CLUSTER_ROLE.equals(b.roleRef().kind()) ? clusterRoles.get(b.roleRef().name())
                    : RoleRef.ROLE.equals(b.roleRef().kind()) ? roles.get(b.namespace() + "/" + b.roleRef().name()) : null;
            for (Subject s : b.subjects()) {
                add(building, key(s, b.namespace()), b.namespace(), rules);
            }
        }
        building.forEach((k, byNs) -> {
            Map<String, PolicyRule[][]> m = new HashMap<>();
            byNs.forEach((ns, list) -> m.put(ns, list.toArray(PolicyRule[][]::new)));
            (k.startsWith("g:") ? groupGrants : userGrants).put(k.substring(2), m);
        });
        for (Workload.DslRule r : w.dslRules()) {
            if (r.deny() && r.group() != null) {
                groupDenies.computeIfAbsent(r.group(), g -> new HashMap<>())
                        .computeIfAbsent(r.namespace(), n -> new HashSet<>()).add(r.resource());
            } else if (r.deny()) {
                userDenies.computeIfAbsent(r.user(), u -> new HashSet<>()).addAll(r.verbs());
            } else {
                groupAllows.computeIfAbsent(r.group(), g -> new HashMap<>())
                        .computeIfAbsent(r.namespace(), n -> new HashMap<>())
                        .computeIfAbsent(r.resource(), x -> new HashSet<>()).addAll(r.verbs());
            }
        }
    }

    private static void add(Map<String, Map<String, List<PolicyRule[]>>> m, String key, String ns, List<PolicyRule> rules) {
        if (key == null || rules == null) {
            return;
        }
        m.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(ns, n -> new ArrayList<>())
                .add(rules.toArray(PolicyRule[]::new));
    }

    private static String key(Subject s, String bindingNs) {
        return switch (s.kind()) {
            case Subject.USER -> "u:" + s.name();
            case Subject.GROUP -> "g:" + s.name();
            case Subject.SERVICE_ACCOUNT -> {
                String ns = s.namespace().isEmpty() ? bindingNs : s.namespace();
                yield ns.isEmpty() ? null : "u:system:serviceaccount:" + ns + ":" + s.name();
            }
            default -> null;
        };
    }

    public Outcome authorize(RequestAttributes r) {
        List<String> groups = r.user().groups();
        // guard rails: deny overrides allow
        boolean allow = false;
        Set<String> uv = userDenies.get(r.user().name());
        if (uv != null && uv.contains(r.verb())) {
            return Outcome.POLICY_DENY;
        }
        for (int i = 0; i < groups.size(); i++) {
            String g = groups.get(i);
            Map<String, Set<String>> d = groupDenies.get(g);
            if (d != null) {
                Set<String> res = d.get(r.namespace());
                if (res != null && res.contains(r.resource())) {
                    return Outcome.POLICY_DENY;
                }
            }
            if (!allow) {
                Map<String, Map<String, Set<String>>> a = groupAllows.get(g);
                if (a != null) {
                    Map<String, Set<String>> byRes = a.get(r.namespace());
                    if (byRes != null) {
                        Set<String> verbs = byRes.get(r.resource());
                        allow = verbs != null && verbs.contains(r.verb());
                    }
                }
            }
        }
        if (allow) {
            return Outcome.POLICY_ALLOW;
        }
        // RBAC: the user's own grants, then each group's
        if (rbac(userGrants.get(r.user().name()), r)) {
            return Outcome.RBAC_ALLOW;
        }
        for (int i = 0; i < groups.size(); i++) {
            if (rbac(groupGrants.get(groups.get(i)), r)) {
                return Outcome.RBAC_ALLOW;
            }
        }
        return Outcome.NO_OPINION;
    }

    private static boolean rbac(Map<String, PolicyRule[][]> byNs, RequestAttributes r) {
        if (byNs == null) {
            return false;
        }
        if (anyAllows(byNs.getOrDefault("*", NONE), r)) {
            return true;
        }
        return !r.namespace().isEmpty() && anyAllows(byNs.getOrDefault(r.namespace(), NONE), r);
    }

    private static boolean anyAllows(PolicyRule[][] sets, RequestAttributes r) {
        for (PolicyRule[] set : sets) {
            for (PolicyRule rule : set) {
                if (allows(rule, r)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean allows(PolicyRule rule, RequestAttributes r) {
        if (!has(rule.verbs(), r.verb())) {
            return false;
        }
        if (!r.resourceRequest()) {
            for (String u : rule.nonResourceURLs()) {
                if (u.equals("*") || u.equals(r.path())) {
                    return true;
                }
                if (u.endsWith("*")) {
                    int end = u.length();
                    while (end > 0 && u.charAt(end - 1) == '*') {
                        end--;
                    }
                    if (r.path().startsWith(u.substring(0, end))) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (!has(rule.apiGroups(), r.apiGroup())) {
            return false;
        }
        boolean resource = false;
        String sub = r.subresource();
        for (String res : rule.resources()) {
            if (res.equals("*")
                    || (sub.isEmpty() ? res.equals(r.resource())
                        : res.length() == r.resource().length() + 1 + sub.length() && res.startsWith(r.resource())
                          && res.charAt(r.resource().length()) == '/' && res.endsWith(sub))
                    || (!sub.isEmpty() && res.length() == sub.length() + 2 && res.startsWith("*/") && res.endsWith(sub))) {
                resource = true;
                break;
            }
        }
        return resource && (rule.resourceNames().isEmpty() || rule.resourceNames().contains(r.name()));
    }

    private static boolean has(List<String> values, String wanted) {
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v.equals("*") || v.equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}
