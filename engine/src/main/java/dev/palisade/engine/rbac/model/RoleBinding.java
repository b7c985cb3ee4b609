package dev.palisade.engine.rbac.model;

import java.util.List;
import java.util.Objects;

/** A RoleBinding: grants a Role of its namespace, or a ClusterRole, within its namespace only. */
public record RoleBinding(String name, String namespace, List<Subject> subjects, RoleRef roleRef,
                          ObjectSource source) {
    public RoleBinding {
        name = Objects.requireNonNullElse(name, "");
        namespace = Objects.requireNonNullElse(namespace, "");
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        Objects.requireNonNull(roleRef, "roleRef");
        source = Objects.requireNonNullElse(source, ObjectSource.NONE);
    }

    public static RoleBinding of(String namespace, String name, RoleRef roleRef, Subject... subjects) {
        return new RoleBinding(name, namespace, List.of(subjects), roleRef, ObjectSource.NONE);
    }
}
