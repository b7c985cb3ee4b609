package dev.palisade.engine.rbac.model;

import java.util.Objects;

/**
 * Who a binding grants to (rbac/v1 Subject). {@code kind} is one of {@link #USER},
 * {@link #GROUP}, {@link #SERVICE_ACCOUNT}; the loader rejects others. {@code namespace} only
 * matters for service accounts and may be "" in a RoleBinding, meaning the binding's namespace.
 */
public record Subject(String kind, String apiGroup, String name, String namespace) {
    public static final String USER = "User";
    public static final String GROUP = "Group";
    public static final String SERVICE_ACCOUNT = "ServiceAccount";

    public Subject {
        kind = Objects.requireNonNullElse(kind, "");
        apiGroup = Objects.requireNonNullElse(apiGroup, "");
        name = Objects.requireNonNullElse(name, "");
        namespace = Objects.requireNonNullElse(namespace, "");
    }

    public static Subject user(String name) {
        return new Subject(USER, "rbac.authorization.k8s.io", name, "");
    }

    public static Subject group(String name) {
        return new Subject(GROUP, "rbac.authorization.k8s.io", name, "");
    }

    public static Subject serviceAccount(String namespace, String name) {
        return new Subject(SERVICE_ACCOUNT, "", name, namespace);
    }
}
