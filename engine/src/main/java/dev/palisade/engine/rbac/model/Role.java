package dev.palisade.engine.rbac.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A namespaced Role: rules that a RoleBinding in the same namespace can grant. */
public record Role(String name, String namespace, Map<String, String> labels, List<PolicyRule> rules,
                   ObjectSource source) {
    public Role {
        name = Objects.requireNonNullElse(name, "");
        namespace = Objects.requireNonNullElse(namespace, "");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        rules = rules == null ? List.of() : List.copyOf(rules);
        source = Objects.requireNonNullElse(source, ObjectSource.NONE);
    }

    public static Role of(String namespace, String name, PolicyRule... rules) {
        return new Role(name, namespace, Map.of(), List.of(rules), ObjectSource.NONE);
    }
}
