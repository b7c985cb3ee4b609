package dev.palisade.engine.rbac;

import dev.palisade.engine.rbac.model.ClusterRole;
import dev.palisade.engine.rbac.model.LabelSelector;
import dev.palisade.engine.rbac.model.PolicyRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fills aggregated ClusterRoles as Kubernetes' clusterrole-aggregation controller leaves them
 * once it has converged: for each selector in order, for each other ClusterRole whose labels
 * match (sorted by name), its rules are appended unless an equal rule is already there. The
 * controller reaches nested aggregation (admin ← edit ← view) by re-running until nothing
 * changes; we follow the selection graph instead, which gives the same union for acyclic
 * graphs and, unlike re-running, terminates on cycles (each role is visited once per root).
 */
public final class ClusterRoleAggregator {
    private ClusterRoleAggregator() {}

    /** The roles in their original order, the aggregated ones with their rules replaced. */
    public static List<ClusterRole> aggregate(List<ClusterRole> roles) {
        // by name, sorted, like the controller's lister + sort.Sort(byName); a later duplicate name wins
        Map<String, ClusterRole> byName = new TreeMap<>();
        for (ClusterRole r : roles) {
            byName.put(r.name(), r);
        }
        List<ClusterRole> sorted = new ArrayList<>(byName.values());
        sorted.sort(Comparator.comparing(ClusterRole::name));

        List<ClusterRole> out = new ArrayList<>(roles.size());
        for (ClusterRole role : roles) {
            if (!role.aggregated()) {
                out.add(role);
                continue;
            }
            LinkedHashSet<PolicyRule> rules = new LinkedHashSet<>();
            Set<String> visited = new HashSet<>();
            visited.add(role.name());
            collect(role, sorted, visited, rules);
            out.add(role.withRules(List.copyOf(rules)));
        }
        return out;
    }

    private static void collect(ClusterRole aggregating, List<ClusterRole> sorted, Set<String> visited,
                                LinkedHashSet<PolicyRule> into) {
        for (LabelSelector selector : aggregating.aggregationRule().orElse(List.of())) {
            for (ClusterRole candidate : sorted) {
                if (!selector.matches(candidate.labels()) || !visited.add(candidate.name())) {
                    continue;
                }
                if (candidate.aggregated()) {
                    // its own rules belong to the controller: what counts is what it aggregates
                    collect(candidate, sorted, visited, into);
                } else {
                    into.addAll(candidate.rules());
                }
            }
        }
    }
}
