package dev.palisade.engine.abac;

import java.util.List;

/** RulesFor's answer: the resource rules and the non-resource rules a user holds in a namespace, in file order. */
record AbacRules(List<AbacRuleInfo> resourceRules, List<AbacRuleInfo> nonResourceRules) {
    public AbacRules {
        resourceRules = List.copyOf(resourceRules);
        nonResourceRules = List.copyOf(nonResourceRules);
    }
}
