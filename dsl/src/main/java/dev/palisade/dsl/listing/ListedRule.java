package dev.palisade.dsl.listing;

import java.util.List;

/**
 * One RBAC-shaped rule an allow rule grants: for a resource rule {@code nonResourceURLs} is empty;
 * for a non-resource rule {@code apiGroups}, {@code resources} and {@code resourceNames} are.
 * {@code "*"} stands for any value, as in RBAC; {@code resourceNames} empty means any name.
 */
public record ListedRule(String ruleId, List<String> verbs, List<String> apiGroups, List<String> resources,
                         List<String> resourceNames, List<String> nonResourceURLs) {
    public ListedRule {
        verbs = List.copyOf(verbs);
        apiGroups = List.copyOf(apiGroups);
        resources = List.copyOf(resources);
        resourceNames = List.copyOf(resourceNames);
        nonResourceURLs = List.copyOf(nonResourceURLs);
    }

    public boolean resourceRule() {
        return nonResourceURLs.isEmpty();
    }
}
