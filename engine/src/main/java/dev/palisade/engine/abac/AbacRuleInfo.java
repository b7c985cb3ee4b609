package dev.palisade.engine.abac;

import java.util.List;

/**
 * What a policy line grants, as the apiserver's RulesFor reports it: verbs ({@code get, list,
 * watch} for a read-only line, else {@code *}) and either API groups with resources, or
 * non-resource URLs.
 */
record AbacRuleInfo(List<String> verbs, List<String> apiGroups, List<String> resources, List<String> nonResourceURLs) {
    public AbacRuleInfo {
        verbs = List.copyOf(verbs);
        apiGroups = List.copyOf(apiGroups);
        resources = List.copyOf(resources);
        nonResourceURLs = List.copyOf(nonResourceURLs);
    }
}
