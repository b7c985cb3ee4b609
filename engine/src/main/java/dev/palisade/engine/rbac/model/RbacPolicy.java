package dev.palisade.engine.rbac.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The four kinds of RBAC object, as loaded, in load order. Binding order matters only for
 * which binding a decision names when several allow (the first one, ClusterRoleBindings first,
 * as the apiserver visits them).
 */
public record RbacPolicy(List<Role> roles, List<ClusterRole> clusterRoles, List<RoleBinding> roleBindings,
                         List<ClusterRoleBinding> clusterRoleBindings) {
    public static final RbacPolicy EMPTY = new RbacPolicy(List.of(), List.of(), List.of(), List.of());

    public RbacPolicy {
        roles = roles == null ? List.of() : List.copyOf(roles);
        clusterRoles = clusterRoles == null ? List.of() : List.copyOf(clusterRoles);
        roleBindings = roleBindings == null ? List.of() : List.copyOf(roleBindings);
        clusterRoleBindings = clusterRoleBindings == null ? List.of() : List.copyOf(clusterRoleBindings);
    }

    /** This policy followed by another's objects (e.g. a test overlay on the bootstrap policy). */
    public RbacPolicy plus(RbacPolicy other) {
        return new RbacPolicy(concat(roles, other.roles), concat(clusterRoles, other.clusterRoles),
                concat(roleBindings, other.roleBindings), concat(clusterRoleBindings, other.clusterRoleBindings));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    public int size() {
        return roles.size() + clusterRoles.size() + roleBindings.size() + clusterRoleBindings.size();
    }
}
