package dev.palisade.engine.rbac.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A ClusterRole. When {@code aggregationRule} is present its rules are owned by aggregation:
 * {@link dev.palisade.engine.rbac.ClusterRoleAggregator} replaces them with the union of the
 * rules of the ClusterRoles its selectors match, as the cluster's controller does.
 */
public record ClusterRole(String name, Map<String, String> labels, List<PolicyRule> rules,
                          Optional<List<LabelSelector>> aggregationRule, ObjectSource source) {
    public ClusterRole {
        name = Objects.requireNonNullElse(name, "");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        rules = rules == null ? List.of() : List.copyOf(rules);
        aggregationRule = aggregationRule == null ? Optional.empty() : aggregationRule.map(List::copyOf);
        source = Objects.requireNonNullElse(source, ObjectSource.NONE);
    }

    public static ClusterRole of(String name, PolicyRule... rules) {
        return new ClusterRole(name, Map.of(), List.of(rules), Optional.empty(), ObjectSource.NONE);
    }

    public boolean aggregated() {
        return aggregationRule.isPresent();
    }

    public ClusterRole withRules(List<PolicyRule> newRules) {
        return new ClusterRole(name, labels, newRules, aggregationRule, source);
    }
}
