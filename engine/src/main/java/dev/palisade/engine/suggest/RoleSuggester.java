package dev.palisade.engine.suggest;

import dev.palisade.engine.rbac.model.ClusterRole;
import dev.palisade.engine.rbac.model.ClusterRoleBinding;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.rbac.model.RbacPolicy;
import dev.palisade.engine.rbac.model.Role;
import dev.palisade.engine.rbac.model.RoleBinding;
import dev.palisade.engine.rbac.model.RoleRef;
import dev.palisade.engine.rbac.model.Subject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Least privilege from a log, as audit2rbac does: the fewest, narrowest rules that allow exactly
 * what a subject was seen doing. Requests in a namespace become a Role (and RoleBinding) in that
 * namespace; cluster-wide requests (cluster-scoped resources, all-namespace lists) and
 * non-resource URLs become one ClusterRole (and ClusterRoleBinding). Within each, resources of
 * one API group used with the same verbs share a rule, and URLs used with the same verbs share
 * one. With {@code resourceNames}, a resource whose every request named its object is limited
 * to those names. Output is sorted, so the same log gives the same YAML.
 */
public final class RoleSuggester {
    private final String userName;
    private final Subject subject;
    private final boolean resourceNames;

    private RoleSuggester(String userName, Subject subject, boolean resourceNames) {
        this.userName = userName;
        this.subject = subject;
        this.resourceNames = resourceNames;
    }

    /** For a user: the requests whose (effective) user name is {@code name}. */
    public static RoleSuggester forUser(String name, boolean resourceNames) {
        return new RoleSuggester(name, Subject.user(name), resourceNames);
    }

    /** For a service account: its requests run as {@code system:serviceaccount:NS:NAME}. */
    public static RoleSuggester forServiceAccount(String namespace, String name, boolean resourceNames) {
        return new RoleSuggester("system:serviceaccount:" + namespace + ":" + name,
                Subject.serviceAccount(namespace, name), resourceNames);
    }

    /** The user name the subject's requests carry in the log. */
    public String userName() {
        return userName;
    }

    public Suggestion suggest(Collection<Access> accesses, int requests) {
        Map<String, List<Access>> byNamespace = new TreeMap<>();
        List<Access> clusterWide = new ArrayList<>();
        for (Access a : accesses) {
            if (a.resourceRequest() && !a.namespace().isEmpty()) {
                byNamespace.computeIfAbsent(a.namespace(), ns -> new ArrayList<>()).add(a);
            } else {
                clusterWide.add(a);
            }
        }
        String objectName = "suggested:" + userName.replace('/', '-');
        List<Role> roles = new ArrayList<>();
        List<RoleBinding> roleBindings = new ArrayList<>();
        byNamespace.forEach((ns, list) -> {
            roles.add(Role.of(ns, objectName, rules(list).toArray(PolicyRule[]::new)));
            roleBindings.add(RoleBinding.of(ns, objectName, RoleRef.role(objectName), subject));
        });
        List<ClusterRole> clusterRoles = new ArrayList<>();
        List<ClusterRoleBinding> clusterBindings = new ArrayList<>();
        if (!clusterWide.isEmpty()) {
            clusterRoles.add(ClusterRole.of(objectName, rules(clusterWide).toArray(PolicyRule[]::new)));
            clusterBindings.add(ClusterRoleBinding.of(objectName, objectName, subject));
        }
        return new Suggestion(userName, new RbacPolicy(roles, clusterRoles, roleBindings, clusterBindings), requests,
                accesses.size());
    }

    private List<PolicyRule> rules(List<Access> accesses) {
        // (apiGroup, resource) -> verbs, and the names seen per (apiGroup, resource) ("" = some request had none)
        Map<String, Map<String, Set<String>>> verbs = new TreeMap<>();
        Map<String, Map<String, Set<String>>> names = new TreeMap<>();
        Map<String, Set<String>> urlVerbs = new TreeMap<>();
        for (Access a : accesses) {
            if (a.resourceRequest()) {
                verbs.computeIfAbsent(a.apiGroup(), g -> new TreeMap<>())
                        .computeIfAbsent(a.rbacResource(), r -> new TreeSet<>()).add(a.verb());
                names.computeIfAbsent(a.apiGroup(), g -> new TreeMap<>())
                        .computeIfAbsent(a.rbacResource(), r -> new TreeSet<>()).add(a.name());
            } else {
                urlVerbs.computeIfAbsent(a.path(), p -> new TreeSet<>()).add(a.verb());
            }
        }
        List<PolicyRule> rules = new ArrayList<>();
        verbs.forEach((group, byResource) -> {
            // resources with the same verbs (and, with resourceNames, the same names) share a rule
            Map<String, Set<String>> resourcesByShape = new TreeMap<>();
            Map<String, List<String>> shapeVerbs = new TreeMap<>();
            Map<String, List<String>> shapeNames = new TreeMap<>();
            byResource.forEach((resource, vs) -> {
                Set<String> seen = names.get(group).get(resource);
                List<String> restrictTo = resourceNames && !seen.contains("") ? List.copyOf(seen) : List.of();
                String shape = vs + "|" + restrictTo;
                resourcesByShape.computeIfAbsent(shape, s -> new TreeSet<>()).add(resource);
                shapeVerbs.put(shape, List.copyOf(vs));
                shapeNames.put(shape, restrictTo);
            });
            resourcesByShape.forEach((shape, resources) -> rules.add(new PolicyRule(shapeVerbs.get(shape),
                    List.of(group), List.copyOf(resources), shapeNames.get(shape), List.of())));
        });
        Map<List<String>, Set<String>> urlsByVerbs = new TreeMap<>(RoleSuggester::compareLists);
        urlVerbs.forEach((url, vs) -> urlsByVerbs.computeIfAbsent(List.copyOf(vs), k -> new TreeSet<>()).add(url));
        urlsByVerbs.forEach((vs, urls) -> rules.add(new PolicyRule(vs, List.of(), List.of(), List.of(),
                List.copyOf(urls))));
        return rules;
    }

    private static int compareLists(List<String> a, List<String> b) {
        return String.join(",", a).compareTo(String.join(",", b));
    }
}
