package dev.palisade.engine.rbac.model;

import java.util.List;
import java.util.Objects;

/** A ClusterRoleBinding: grants a ClusterRole everywhere, cluster-wide and in every namespace. */
public record ClusterRoleBinding(String name, List<Subject> subjects, RoleRef roleRef, ObjectSource source) {
    public ClusterRoleBinding {
        name = Objects.requireNonNullElse(name, "");
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        Objects.requireNonNull(roleRef, "roleRef");
        source = Objects.requireNonNullElse(source, ObjectSource.NONE);
    }

    public static ClusterRoleBinding of(String name, String clusterRole, Subject... subjects) {
        return new ClusterRoleBinding(name, List.of(subjects), RoleRef.clusterRole(clusterRole), ObjectSource.NONE);
    }
}
