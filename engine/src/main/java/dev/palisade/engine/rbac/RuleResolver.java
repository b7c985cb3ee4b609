package dev.palisade.engine.rbac;

import dev.palisade.engine.rbac.model.ClusterRole;
import dev.palisade.engine.rbac.model.ClusterRoleBinding;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.rbac.model.RbacPolicy;
import dev.palisade.engine.rbac.model.Role;
import dev.palisade.engine.rbac.model.RoleBinding;
import dev.palisade.engine.rbac.model.RoleRef;
import dev.palisade.engine.rbac.model.Subject;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes' DefaultRuleResolver over a fixed, already aggregated policy: walks the
 * ClusterRoleBindings, then the RoleBindings of the namespace, resolving each applying
 * binding's role. Linear in the number of bindings, so it is not the hot path; it answers
 * {@code effectiveRules} and serves as the literal reference the Drools path is tested against.
 */
final class RuleResolver {
    private final Map<String, Role> roles = new HashMap<>();
    private final Map<String, ClusterRole> clusterRoles = new HashMap<>();
    private final Map<String, List<RoleBinding>> roleBindingsByNamespace = new HashMap<>();
    private final List<ClusterRoleBinding> clusterRoleBindings;

    /** A binding that applies, with the subject through which it applies. */
    public record Applying(String reason, List<PolicyRule> rules) {}

    public RuleResolver(RbacPolicy aggregatedPolicy) {
        for (Role r : aggregatedPolicy.roles()) {
            roles.put(roleKey(r.namespace(), r.name()), r);
        }
        for (ClusterRole r : aggregatedPolicy.clusterRoles()) {
            clusterRoles.put(r.name(), r);
        }
        for (RoleBinding b : aggregatedPolicy.roleBindings()) {
            roleBindingsByNamespace.computeIfAbsent(b.namespace(), k -> new ArrayList<>()).add(b);
        }
        clusterRoleBindings = aggregatedPolicy.clusterRoleBindings();
    }

    /** The rules of the role a binding refers to, or empty when the role does not exist. */
    public Optional<List<PolicyRule>> roleRules(RoleRef ref, String bindingNamespace) {
        if (RoleRef.CLUSTER_ROLE.equals(ref.kind())) {
            return Optional.ofNullable(clusterRoles.get(ref.name())).map(ClusterRole::rules);
        }
        if (RoleRef.ROLE.equals(ref.kind()) && !bindingNamespace.isEmpty()) {
            return Optional.ofNullable(roles.get(roleKey(bindingNamespace, ref.name()))).map(Role::rules);
        }
        return Optional.empty();
    }

    /** Every binding that applies to the user in the namespace ("" = cluster-wide only), in visiting order. */
    public List<Applying> applying(UserInfo user, String namespace) {
        List<Applying> out = new ArrayList<>();
        for (ClusterRoleBinding b : clusterRoleBindings) {
            int i = SubjectMatcher.appliesTo(user, b.subjects(), "");
            if (i >= 0) {
                roleRules(b.roleRef(), "").ifPresent(rules ->
                        out.add(new Applying(clusterBindingReason(b, b.subjects().get(i)), rules)));
            }
        }
        if (!namespace.isEmpty()) {
            for (RoleBinding b : roleBindingsByNamespace.getOrDefault(namespace, List.of())) {
                int i = SubjectMatcher.appliesTo(user, b.subjects(), namespace);
                if (i >= 0) {
                    roleRules(b.roleRef(), namespace).ifPresent(rules ->
                            out.add(new Applying(roleBindingReason(b, b.subjects().get(i)), rules)));
                }
            }
        }
        return out;
    }

    /** RulesFor: every rule granted to the user in the namespace, duplicates kept, as upstream. */
    public List<PolicyRule> rulesFor(UserInfo user, String namespace) {
        List<PolicyRule> rules = new ArrayList<>();
        for (Applying a : applying(user, namespace)) {
            rules.addAll(a.rules());
        }
        return rules;
    }

    /** The reason the apiserver would give for allowing the request, or empty for no opinion. */
    public Optional<String> firstAllowing(RequestAttributes request) {
        for (Applying a : applying(request.user(), request.namespace())) {
            for (PolicyRule rule : a.rules()) {
                if (RuleMatcher.ruleAllows(rule, request)) {
                    return Optional.of(a.reason());
                }
            }
        }
        return Optional.empty();
    }

    /** {@code RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "z"}. */
    static String clusterBindingReason(ClusterRoleBinding b, Subject subject) {
        return "RBAC: allowed by " + clusterBindingId(b) + " of " + b.roleRef().kind() + " "
                + GoQuote.quote(b.roleRef().name()) + " to " + SubjectMatcher.describe(subject, "");
    }

    /** {@code RBAC: allowed by RoleBinding "x/ns" of Role "y" to Group "g"}. */
    static String roleBindingReason(RoleBinding b, Subject subject) {
        return "RBAC: allowed by " + roleBindingId(b) + " of " + b.roleRef().kind() + " "
                + GoQuote.quote(b.roleRef().name()) + " to " + SubjectMatcher.describe(subject, b.namespace());
    }

    static String clusterBindingId(ClusterRoleBinding b) {
        return "ClusterRoleBinding " + GoQuote.quote(b.name());
    }

    static String roleBindingId(RoleBinding b) {
        return "RoleBinding " + GoQuote.quote(b.name() + "/" + b.namespace());
    }

    private static String roleKey(String namespace, String name) {
        return namespace + "/" + name;
    }
}
