package dev.palisade.engine.abac;

import java.util.Objects;

/**
 * One ABAC policy line in the apiserver's internal form, after the v0 / v1beta1 conversion:
 * a {@code *} user or group has become group {@code system:authenticated}, and the v0
 * defaults (empty namespace, resource, API group) have become {@code *}. {@code source} is
 * {@code file:line}, {@code line} the 1-based line number (0 when not read from a file).
 */
public record AbacPolicy(String user, String group, boolean readonly, String apiGroup, String resource,
                         String namespace, String nonResourcePath, int line, String source) {
    public AbacPolicy {
        user = Objects.requireNonNullElse(user, "");
        group = Objects.requireNonNullElse(group, "");
        apiGroup = Objects.requireNonNullElse(apiGroup, "");
        resource = Objects.requireNonNullElse(resource, "");
        namespace = Objects.requireNonNullElse(namespace, "");
        nonResourcePath = Objects.requireNonNullElse(nonResourcePath, "");
        source = Objects.requireNonNullElse(source, "");
    }
}
