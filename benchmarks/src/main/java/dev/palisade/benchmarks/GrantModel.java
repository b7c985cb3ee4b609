package dev.palisade.benchmarks;

import dev.palisade.engine.rbac.model.ClusterRole;
import dev.palisade.engine.rbac.model.ClusterRoleBinding;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.rbac.model.RbacPolicy;
import dev.palisade.engine.rbac.model.Role;
import dev.palisade.engine.rbac.model.RoleBinding;
import dev.palisade.engine.rbac.model.RoleRef;
import dev.palisade.engine.rbac.model.Subject;
import dev.palisade.engine.request.UserInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The workload's grants flattened for the peers (jCasbin, Cedar): role rule sets by role key
 * ({@code crole:NAME}, {@code role:NS/NAME}), links {@code identity -> role key in scope}
 * (scope: a namespace, or {@code *} for ClusterRoleBindings), and every identity's groups.
 */
final class GrantModel {
    record Link(String identity, String roleKey, String scope) {}

    final Map<String, List<PolicyRule>> roleRules = new LinkedHashMap<>();
    final List<Link> links = new ArrayList<>();
    /** identity key ("u:name") -> group keys ("g:group"), for every user a request can come from. */
    final Map<String, Set<String>> memberships = new LinkedHashMap<>();

    GrantModel(Workload w) {
        RbacPolicy p = w.policy();
        for (ClusterRole r : p.clusterRoles()) {
            roleRules.putIfAbsent("crole:" + r.name(), r.rules());
        }
        for (Role r : p.roles()) {
            roleRules.putIfAbsent("role:" + r.namespace() + "/" + r.name(), r.rules());
        }
        for (ClusterRoleBinding b : p.clusterRoleBindings()) {
            String role = roleKey(b.roleRef(), "");
            for (Subject s : b.subjects()) {
                add(identity(s, ""), role, "*");
            }
        }
        for (RoleBinding b : p.roleBindings()) {
            String role = roleKey(b.roleRef(), b.namespace());
            for (Subject s : b.subjects()) {
                add(identity(s, b.namespace()), role, b.namespace());
            }
        }
        for (UserInfo u : w.users()) {
            member(u);
        }
        for (var r : w.requests()) {
            member(r.user());
        }
    }

    private void member(UserInfo u) {
        Set<String> groups = memberships.computeIfAbsent("u:" + u.name(), k -> new LinkedHashSet<>());
        for (String g : u.groups()) {
            groups.add("g:" + g);
        }
    }

    private void add(String identity, String role, String scope) {
        if (identity != null && role != null && roleRules.containsKey(role)) {
            links.add(new Link(identity, role, scope));
        }
    }

    private static String roleKey(RoleRef ref, String ns) {
        if (RoleRef.CLUSTER_ROLE.equals(ref.kind())) {
            return "crole:" + ref.name();
        }
        return RoleRef.ROLE.equals(ref.kind()) && !ns.isEmpty() ? "role:" + ns + "/" + ref.name() : null;
    }

    static String identity(Subject s, String bindingNs) {
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
}
