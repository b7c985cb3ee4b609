package dev.palisade.diff;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import dev.palisade.engine.rbac.RbacAuthorizer;
import dev.palisade.engine.rbac.model.ClusterRoleBinding;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.rbac.model.RbacPolicy;
import dev.palisade.engine.rbac.model.RoleBinding;
import dev.palisade.engine.rbac.model.RoleRef;
import dev.palisade.engine.rbac.model.Subject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RBAC as formulas, a port of the same upstream functions the authorizer ports ({@code appliesTo},
 * {@code RuleAllows} and its matchers): one element per (binding, subject, rule of its role). A
 * ClusterRoleBinding applies in every namespace and cluster-wide; a RoleBinding in its namespace
 * only. Identical (scope, subject, rule) triples are one element, as they grant the same.
 */
final class RbacEncoder {
    private final RequestSpace space;
    private final Context ctx;

    RbacEncoder(RequestSpace space) {
        this.space = space;
        this.ctx = space.ctx;
    }

    EncodedAuthorizer encode(String name, RbacAuthorizer roles) {
        RbacPolicy aggregated = roles.policy();
        Map<String, Element> elements = new LinkedHashMap<>();
        for (ClusterRoleBinding b : aggregated.clusterRoleBindings()) {
            List<PolicyRule> rules = roles.roleRules(b.roleRef(), "").orElse(List.of());
            for (Subject s : b.subjects()) {
                BoolExpr who = subject(s, "");
                if (who.isFalse()) {
                    continue;
                }
                for (PolicyRule r : rules) {
                    String key = name + "|*|" + subjectKey(s, "") + "|" + r;
                    elements.putIfAbsent(key, new Element(key, Element.Effect.ALLOW,
                            "ClusterRoleBinding \"" + b.name() + "\" of " + role(b.roleRef()) + " to " + describe(s, "") + ": " + r.compact(),
                            b.source().render(), ctx.mkAnd(who, rule(r)), null, userOf(s, "")));
                }
            }
        }
        for (RoleBinding b : aggregated.roleBindings()) {
            if (b.namespace().isEmpty()) {
                continue; // applies nowhere, as in RuleResolver
            }
            List<PolicyRule> rules = roles.roleRules(b.roleRef(), b.namespace()).orElse(List.of());
            for (Subject s : b.subjects()) {
                BoolExpr who = subject(s, b.namespace());
                if (who.isFalse()) {
                    continue;
                }
                for (PolicyRule r : rules) {
                    String key = name + "|" + b.namespace() + "|" + subjectKey(s, b.namespace()) + "|" + r;
                    elements.putIfAbsent(key, new Element(key, Element.Effect.ALLOW,
                            "RoleBinding \"" + b.name() + "/" + b.namespace() + "\" of " + role(b.roleRef()) + " to "
                                    + describe(s, b.namespace()) + ": " + r.compact(),
                            b.source().render(), ctx.mkAnd(space.is(space.namespace, b.namespace()), who, rule(r)),
                            b.namespace(), userOf(s, b.namespace())));
                }
            }
        }
        List<BoolExpr> any = new ArrayList<>();
        elements.values().forEach(e -> any.add(e.match()));
        return new EncodedAuthorizer("RBAC/" + name, name, space.or(any), ctx.mkFalse(), List.copyOf(elements.values()));
    }

    private static String role(RoleRef ref) {
        return ref.kind() + " \"" + ref.name() + "\"";
    }

    /** The subject's identity: a user name, a group, or a service account's user name; "" when it names nobody. */
    private static String subjectKey(Subject s, String bindingNamespace) {
        return switch (s.kind()) {
            case Subject.USER -> "u:" + s.name();
            case Subject.GROUP -> "g:" + s.name();
            case Subject.SERVICE_ACCOUNT -> {
                String ns = s.namespace().isEmpty() ? bindingNamespace : s.namespace();
                yield ns.isEmpty() ? "" : "u:system:serviceaccount:" + ns + ":" + s.name();
            }
            default -> "";
        };
    }

    /** The user name a subject fixes (a User or ServiceAccount), or null for a group. */
    private static String userOf(Subject s, String bindingNamespace) {
        String key = subjectKey(s, bindingNamespace);
        return key.startsWith("u:") ? key.substring(2) : null;
    }

    private static String describe(Subject s, String bindingNamespace) {
        if (Subject.SERVICE_ACCOUNT.equals(s.kind())) {
            String ns = s.namespace().isEmpty() ? bindingNamespace : s.namespace();
            return s.kind() + " \"" + s.name() + "/" + ns + "\"";
        }
        return s.kind() + " \"" + s.name() + "\"";
    }

    private BoolExpr subject(Subject s, String bindingNamespace) {
        String key = subjectKey(s, bindingNamespace);
        if (key.isEmpty()) {
            return ctx.mkFalse();
        }
        return key.startsWith("g:") ? space.groups.contains(s.name()) : space.is(space.user, key.substring(2));
    }

    /** RuleAllows: a resource rule for resource requests, a non-resource rule for the others. */
    private BoolExpr rule(PolicyRule r) {
        BoolExpr verbs = containsOrStar(r.verbs(), space.verb);
        BoolExpr resource = space.and(List.of(space.resourceRequest, verbs, containsOrStar(r.apiGroups(), space.apiGroup),
                resources(r.resources()), r.resourceNames().isEmpty() ? ctx.mkTrue() : space.oneOf(space.name, r.resourceNames())));
        BoolExpr nonResource = space.and(List.of(ctx.mkNot(space.resourceRequest), verbs, urls(r.nonResourceURLs())));
        return ctx.mkOr(resource, nonResource);
    }

    private BoolExpr containsOrStar(List<String> values, com.microsoft.z3.Expr<com.microsoft.z3.SeqSort<com.microsoft.z3.CharSort>> x) {
        return values.contains("*") ? ctx.mkTrue() : space.oneOf(x, values);
    }

    /** "*", "resource" (no subresource), "resource/sub", or "*&#47;sub" (any resource's sub). */
    private BoolExpr resources(List<String> resources) {
        List<BoolExpr> out = new ArrayList<>();
        for (String r : resources) {
            if (r.equals("*")) {
                return ctx.mkTrue();
            }
            // r == resource (no subresource), or r == resource + "/" + subresource (a subresource)
            out.add(ctx.mkAnd(space.is(space.subresource, ""), space.is(space.resource, r)));
            out.add(ctx.mkAnd(ctx.mkNot(space.is(space.subresource, "")),
                    ctx.mkEq(ctx.mkConcat(space.resource, ctx.mkString("/"), space.subresource), ctx.mkString(r))));
            if (r.startsWith("*/")) {
                out.add(ctx.mkAnd(ctx.mkNot(space.is(space.subresource, "")), space.is(space.subresource, r.substring(2))));
            }
        }
        return space.or(out);
    }

    /** "*", an exact path, or a prefix ending in stars (every trailing star trimmed, as Go's TrimRight). */
    private BoolExpr urls(List<String> urls) {
        List<BoolExpr> out = new ArrayList<>();
        for (String u : urls) {
            if (u.equals("*")) {
                return ctx.mkTrue();
            }
            out.add(space.is(space.path, u));
            if (u.endsWith("*")) {
                out.add(ctx.mkPrefixOf(ctx.mkString(u.replaceAll("\\*+$", "")), space.path));
            }
        }
        return space.or(out);
    }
}
