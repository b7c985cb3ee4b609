package dev.palisade.engine.rbac.model;

import java.util.List;

/**
 * One rule of a Role or ClusterRole (rbac/v1 PolicyRule). Absent lists are empty, never null,
 * so that two rules that differ only in null-vs-empty are equal, as the aggregation controller's
 * semantic DeepEqual treats them.
 */
public record PolicyRule(List<String> verbs, List<String> apiGroups, List<String> resources,
                         List<String> resourceNames, List<String> nonResourceURLs) {
    public PolicyRule {
        verbs = copy(verbs);
        apiGroups = copy(apiGroups);
        resources = copy(resources);
        resourceNames = copy(resourceNames);
        nonResourceURLs = copy(nonResourceURLs);
    }

    private static List<String> copy(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** Upstream's compact form, e.g. {@code {APIGroups:["apps"], Resources:["deployments"], Verbs:["get"]}}. */
    public String compact() {
        StringBuilder b = new StringBuilder("{");
        append(b, "APIGroups", apiGroups);
        append(b, "Resources", resources);
        append(b, "NonResourceURLs", nonResourceURLs);
        append(b, "ResourceNames", resourceNames);
        append(b, "Verbs", verbs);
        return b.append('}').toString();
    }

    private static void append(StringBuilder b, String label, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        if (b.length() > 1) {
            b.append(", ");
        }
        b.append(label).append(":[");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : " ").append('"').append(values.get(i)).append('"');
        }
        b.append(']');
    }
}
