package dev.palisade.engine.rbac.model;

import java.util.Objects;

/** The role a binding grants: {@code kind} is {@code Role} or {@code ClusterRole}. */
public record RoleRef(String apiGroup, String kind, String name) {
    public static final String ROLE = "Role";
    public static final String CLUSTER_ROLE = "ClusterRole";

    public RoleRef {
        apiGroup = Objects.requireNonNullElse(apiGroup, "");
        kind = Objects.requireNonNullElse(kind, "");
        name = Objects.requireNonNullElse(name, "");
    }

    public static RoleRef clusterRole(String name) {
        return new RoleRef("rbac.authorization.k8s.io", CLUSTER_ROLE, name);
    }

    public static RoleRef role(String name) {
        return new RoleRef("rbac.authorization.k8s.io", ROLE, name);
    }
}
