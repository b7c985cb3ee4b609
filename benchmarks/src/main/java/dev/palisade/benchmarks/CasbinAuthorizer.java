package dev.palisade.benchmarks;

import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.request.RequestAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;

/**
 * jCasbin's RBAC-with-domains model loaded with the workload's grants, as a Casbin user models
 * Kubernetes RBAC: group memberships and bindings are {@code g} links (memberships in every
 * domain, bindings in their namespace or in every domain for ClusterRoleBindings), role rules
 * are {@code p} lines (one per verb × apiGroup × resource × resourceName), and the guard-rail
 * rules are {@code p} lines on the groups and users they name, with {@code deny} effect for the
 * denies (Casbin's allow-and-not-deny effect equals deny-overrides followed by RBAC, for
 * ALLOW/not-ALLOW).
 */
final class CasbinAuthorizer implements PeerAuthorizer {
    static final String MODEL = """
            [request_definition]
            r = sub, dom, verb, grp, res, subres, name, base

            [policy_definition]
            p = sub, ns, verb, grp, res, name, eft

            [role_definition]
            g = _, _, _

            [policy_effect]
            e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

            [matchers]
            m = g(r.sub, p.sub, r.dom) && (p.ns == "*" || p.ns == r.dom) && (p.verb == "*" || p.verb == r.verb) \
            && ((p.grp == "~dsl" && (p.res == "*" || p.res == r.base)) \
            || (p.grp == "~url" && r.grp == "~url" && (p.res == "*" || keyMatch(r.res, p.res))) \
            || (r.grp != "~url" && p.grp != "~url" && p.grp != "~dsl" && (p.grp == "*" || p.grp == r.grp) \
            && (p.res == "*" || p.res == r.res || p.res == "*/" + r.subres) && (p.name == "*" || p.name == r.name)))
            """;

    private final Enforcer enforcer;

    CasbinAuthorizer(Workload w) {
        GrantModel g = new GrantModel(w);
        Model model = new Model();
        model.loadModelFromText(MODEL);
        enforcer = new Enforcer(model);
        enforcer.enableLog(false);
        enforcer.addNamedDomainMatchingFunc("g", "anyDomain", (reqDom, linkDom) -> linkDom.equals("*") || linkDom.equals(reqDom));
        List<List<String>> p = new ArrayList<>();
        for (Map.Entry<String, List<PolicyRule>> e : g.roleRules.entrySet()) {
            for (PolicyRule r : e.getValue()) {
                lines(p, e.getKey(), r);
            }
        }
        for (Workload.DslRule r : w.dslRules()) {
            String sub = r.group() != null ? "g:" + r.group() : "u:" + r.user();
            String ns = r.namespace() != null ? r.namespace() : "*";
            String res = r.resource() != null ? r.resource() : "*";
            for (String verb : r.verbs() != null ? r.verbs() : List.of("*")) {
                p.add(List.of(sub, ns, verb, "~dsl", res, "*", r.deny() ? "deny" : "allow"));
            }
        }
        enforcer.addPolicies(p);
        List<List<String>> links = new ArrayList<>();
        for (Map.Entry<String, Set<String>> m : g.memberships.entrySet()) {
            for (String group : m.getValue()) {
                links.add(List.of(m.getKey(), group, "*"));
            }
        }
        for (GrantModel.Link l : g.links) {
            links.add(List.of(l.identity(), l.roleKey(), l.scope()));
        }
        enforcer.addGroupingPolicies(links);
        enforcer.buildRoleLinks();
    }

    private static void lines(List<List<String>> out, String role, PolicyRule r) {
        for (String verb : r.verbs()) {
            if (!r.nonResourceURLs().isEmpty()) {
                for (String url : r.nonResourceURLs()) {
                    out.add(List.of(role, "*", verb, "~url", url, "*", "allow"));
                }
            }
            for (String grp : r.apiGroups()) {
                for (String res : r.resources()) {
                    for (String name : r.resourceNames().isEmpty() ? List.of("*") : r.resourceNames()) {
                        out.add(List.of(role, "*", verb, grp, res, name, "allow"));
                    }
                }
            }
        }
    }

    @Override
    public boolean allowed(RequestAttributes r) {
        String sub = "u:" + r.user().name();
        if (!r.resourceRequest()) {
            return enforcer.enforce(sub, r.namespace(), r.verb(), "~url", r.path(), "", "", "");
        }
        String combined = r.subresource().isEmpty() ? r.resource() : r.resource() + "/" + r.subresource();
        return enforcer.enforce(sub, r.namespace(), r.verb(), r.apiGroup(), combined, r.subresource(), r.name(), r.resource());
    }
}
