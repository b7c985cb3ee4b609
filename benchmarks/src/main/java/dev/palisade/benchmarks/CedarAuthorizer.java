package dev.palisade.benchmarks;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.request.RequestAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * cedar-java with the workload's grants as Cedar policies and entities. A binding target
 * (role in a namespace, or cluster-wide) is a {@code Scope} entity with one {@code permit} whose
 * condition is the role's rules; users and groups are entities whose parents are their groups
 * and the scopes they are bound to; the guard rails are {@code permit}/{@code forbid} policies on
 * groups and users (Cedar's forbid-overrides-permit). The policy set is parsed once and cached in
 * the native library ({@code PolicySet.cache()}); each request passes only the entities of the
 * requesting user (user, its groups, their scopes), precomputed per user — the cheapest way
 * cedar-java offers.
 */
final class CedarAuthorizer implements PeerAuthorizer {
    private static final EntityTypeName USER = EntityTypeName.parse("User").orElseThrow();
    private static final EntityTypeName GROUP = EntityTypeName.parse("Group").orElseThrow();
    private static final EntityTypeName SCOPE = EntityTypeName.parse("Scope").orElseThrow();
    private static final EntityTypeName ACTION = EntityTypeName.parse("Action").orElseThrow();
    private static final EntityTypeName RESOURCE = EntityTypeName.parse("Resource").orElseThrow();

    private final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
    private final PolicySet policies;
    private final Map<String, Set<Entity>> entitiesByUser = new HashMap<>();
    private final EntityUID action = ACTION.of("access");
    private final EntityUID resource = RESOURCE.of("k8s");

    CedarAuthorizer(Workload w) {
        GrantModel g = new GrantModel(w);
        StringBuilder text = new StringBuilder();
        Map<String, Set<EntityUID>> parents = new LinkedHashMap<>();
        Set<String> scopes = new HashSet<>();
        int id = 0;
        for (GrantModel.Link l : g.links) {
            String scope = l.scope() + "|" + l.roleKey();
            parents.computeIfAbsent(l.identity(), k -> new HashSet<>()).add(SCOPE.of(scope));
            if (scopes.add(scope)) {
                text.append("@id(\"p").append(id++).append("\")\npermit(principal in Scope::").append(str(scope))
                        .append(", action, resource) when { ");
                if (!l.scope().equals("*")) {
                    text.append("context.ns == ").append(str(l.scope())).append(" && ");
                }
                text.append(rules(g.roleRules.get(l.roleKey()))).append(" };\n");
            }
        }
        for (Workload.DslRule r : w.dslRules()) {
            text.append("@id(\"p").append(id++).append("\")\n").append(r.deny() ? "forbid" : "permit").append("(principal ")
                    .append(r.group() != null ? "in Group::" + str("g:" + r.group()) : "== User::" + str("u:" + r.user()))
                    .append(", action, resource) when { true");
            if (r.namespace() != null) {
                text.append(" && context.ns == ").append(str(r.namespace()));
            }
            if (r.resource() != null) {
                text.append(" && context.base == ").append(str(r.resource()));
            }
            if (r.verbs() != null) {
                text.append(" && ").append(list(r.verbs())).append(".contains(context.verb)");
            }
            text.append(" };\n");
        }
        try {
            policies = PolicySet.parsePolicies(text.toString());
            policies.cache();
        } catch (Exception e) {
            throw new IllegalStateException("cedar: " + e, e);
        }
        for (Map.Entry<String, Set<String>> m : g.memberships.entrySet()) {
            Set<Entity> slice = new HashSet<>();
            Set<EntityUID> userParents = new HashSet<>(parents.getOrDefault(m.getKey(), Set.of()));
            Set<EntityUID> scopeUids = new HashSet<>(userParents);
            for (String group : m.getValue()) {
                userParents.add(GROUP.of(group));
                Set<EntityUID> gp = parents.getOrDefault(group, Set.of());
                scopeUids.addAll(gp);
                slice.add(new Entity(GROUP.of(group), new HashMap<>(), new HashSet<>(gp)));
            }
            slice.add(new Entity(USER.of(m.getKey()), new HashMap<>(), userParents));
            for (EntityUID s : scopeUids) {
                slice.add(new Entity(s));
            }
            entitiesByUser.put(m.getKey(), slice);
        }
    }

    private static String rules(List<PolicyRule> rules) {
        List<String> alts = new ArrayList<>();
        for (PolicyRule r : rules) {
            List<String> terms = new ArrayList<>();
            if (!r.verbs().contains("*")) {
                terms.add(list(r.verbs()) + ".contains(context.verb)");
            }
            if (!r.nonResourceURLs().isEmpty()) {
                terms.add(0, "context.url");
                if (!r.nonResourceURLs().contains("*")) {
                    List<String> urls = new ArrayList<>();
                    for (String u : r.nonResourceURLs()) {
                        if (u.endsWith("*")) {
                            String prefix = u.replaceAll("\\*+$", "");
                            urls.add("context.path like " + str(prefix.replace("*", "\\*") + "*"));
                        } else {
                            urls.add("context.path == " + str(u));
                        }
                    }
                    terms.add("(" + String.join(" || ", urls) + ")");
                }
            } else {
                terms.add(0, "!context.url");
                if (!r.apiGroups().contains("*")) {
                    terms.add(list(r.apiGroups()) + ".contains(context.grp)");
                }
                if (!r.resources().contains("*")) {
                    List<String> res = new ArrayList<>();
                    res.add(list(r.resources()) + ".contains(context.res)");
                    for (String x : r.resources()) {
                        if (x.startsWith("*/")) {
                            res.add("context.subres == " + str(x.substring(2)));
                        }
                    }
                    terms.add("(" + String.join(" || ", res) + ")");
                }
                if (!r.resourceNames().isEmpty()) {
                    terms.add(list(r.resourceNames()) + ".contains(context.name)");
                }
            }
            alts.add("(" + String.join(" && ", terms) + ")");
        }
        return alts.isEmpty() ? "false" : "(" + String.join(" || ", alts) + ")";
    }

    private static String list(List<String> values) {
        List<String> quoted = new ArrayList<>();
        values.forEach(v -> quoted.add(str(v)));
        return "[" + String.join(", ", quoted) + "]";
    }

    private static String str(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public boolean allowed(RequestAttributes r) {
        String user = "u:" + r.user().name();
        Map<String, Value> context = new HashMap<>();
        context.put("url", new PrimBool(!r.resourceRequest()));
        context.put("ns", new PrimString(r.namespace()));
        context.put("verb", new PrimString(r.verb()));
        context.put("grp", new PrimString(r.apiGroup()));
        context.put("res", new PrimString(r.subresource().isEmpty() ? r.resource() : r.resource() + "/" + r.subresource()));
        context.put("subres", new PrimString(r.subresource()));
        context.put("name", new PrimString(r.name()));
        context.put("base", new PrimString(r.resource()));
        context.put("path", new PrimString(r.path()));
        Set<Entity> entities = entitiesByUser.getOrDefault(user, Set.of(new Entity(USER.of(user))));
        try {
            AuthorizationResponse response = engine.isAuthorized(
                    new AuthorizationRequest(USER.of(user), action, resource, context), policies, entities);
            if (response.success.isEmpty()) {
                throw new IllegalStateException("cedar: " + response.errors);
            }
            return response.success.get().isAllowed();
        } catch (com.cedarpolicy.model.exception.AuthException e) {
            throw new IllegalStateException("cedar: " + e, e);
        }
    }
}
