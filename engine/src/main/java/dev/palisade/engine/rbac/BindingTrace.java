package dev.palisade.engine.rbac;

import dev.palisade.engine.rbac.model.PolicyRule;
import java.util.List;
import java.util.Objects;

/**
 * How close one binding whose subjects name the user came to allowing a request: the rule of its
 * role that needs the fewest changes, and what that rule (or the binding's namespace) did not cover.
 *
 * @param binding     {@code ClusterRoleBinding "x"} or {@code RoleBinding "x/ns"}
 * @param role        {@code ClusterRole "y"} or {@code Role "y"}
 * @param subject     the subject that names the user, e.g. {@code Group "devs"}
 * @param roleFound   false when the role the binding refers to does not exist (it grants nothing)
 * @param closestRule the role's rule with the fewest gaps, or null when the role has no rules or was not found
 * @param gaps        what kept the binding from allowing the request; empty when it allows it
 */
public record BindingTrace(String binding, String role, String subject, boolean roleFound,
                           PolicyRule closestRule, List<Gap> gaps) {
    public BindingTrace {
        Objects.requireNonNull(binding, "binding");
        gaps = List.copyOf(gaps);
    }

    /** Whether this binding allows the request. */
    public boolean allows() {
        return roleFound && closestRule != null && gaps.isEmpty();
    }

    /**
     * One attribute of the request the binding does not cover.
     *
     * @param field     verb, apiGroup, resource, resourceName, nonResourceURL, namespace or kind
     * @param requested the request's value
     * @param granted   what the rule (or binding) grants for that field
     */
    public record Gap(String field, String requested, List<String> granted) {
        public Gap {
            granted = List.copyOf(granted);
        }
    }
}
