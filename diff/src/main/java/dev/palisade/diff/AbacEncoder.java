package dev.palisade.diff;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import dev.palisade.engine.abac.AbacPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ABAC policy lines as formulas, a port of the matcher the authorizer uses (Kubernetes' abac.go). */
final class AbacEncoder {
    private final RequestSpace space;
    private final Context ctx;

    AbacEncoder(RequestSpace space) {
        this.space = space;
        this.ctx = space.ctx;
    }

    EncodedAuthorizer encode(String name, List<AbacPolicy> policies) {
        Map<String, Element> elements = new LinkedHashMap<>();
        for (AbacPolicy p : policies) {
            String key = name + "|" + p.user() + "|" + p.group() + "|" + p.readonly() + "|" + p.apiGroup() + "|" + p.resource()
                    + "|" + p.namespace() + "|" + p.nonResourcePath();
            BoolExpr match = space.and(List.of(subject(p), verb(p), ctx.mkOr(resource(p), nonResource(p))));
            elements.putIfAbsent(key, new Element(key, Element.Effect.ALLOW,
                    "ABAC policy " + (p.source().isEmpty() ? key.substring(name.length() + 1) : p.source()),
                    p.line() > 0 ? "line " + p.line() : "", match,
                    null, // a line also matches non-resource requests (namespace "") by its path
                    p.user().isEmpty() || p.user().equals("*") ? null : p.user()));
        }
        List<BoolExpr> any = new ArrayList<>();
        elements.values().forEach(e -> any.add(e.match()));
        return new EncodedAuthorizer("ABAC/" + name, name, space.or(any), ctx.mkFalse(), List.copyOf(elements.values()));
    }

    /** A user and/or group; "*" matches anyone; a line naming neither matches nobody. */
    private BoolExpr subject(AbacPolicy p) {
        if (p.user().isEmpty() && p.group().isEmpty()) {
            return ctx.mkFalse();
        }
        List<BoolExpr> all = new ArrayList<>();
        if (!p.user().isEmpty() && !p.user().equals("*")) {
            all.add(space.is(space.user, p.user()));
        }
        if (!p.group().isEmpty() && !p.group().equals("*")) {
            all.add(space.groups.contains(p.group()));
        }
        return space.and(all);
    }

    private BoolExpr verb(AbacPolicy p) {
        return p.readonly() ? space.oneOf(space.verb, List.of("get", "list", "watch")) : ctx.mkTrue();
    }

    private BoolExpr resource(AbacPolicy p) {
        List<BoolExpr> all = new ArrayList<>();
        all.add(space.resourceRequest);
        if (!p.namespace().equals("*")) {
            all.add(space.is(space.namespace, p.namespace()));
        }
        if (!p.resource().equals("*")) {
            all.add(space.is(space.resource, p.resource()));
        }
        if (!p.apiGroup().equals("*")) {
            all.add(space.is(space.apiGroup, p.apiGroup()));
        }
        return space.and(all);
    }

    private BoolExpr nonResource(AbacPolicy p) {
        String pattern = p.nonResourcePath();
        if (pattern.equals("*")) {
            return ctx.mkNot(space.resourceRequest);
        }
        BoolExpr exact = space.is(space.path, pattern);
        BoolExpr match = pattern.endsWith("*")
                ? ctx.mkOr(exact, ctx.mkPrefixOf(ctx.mkString(pattern.replaceAll("\\*+$", "")), space.path)) : exact;
        return ctx.mkAnd(ctx.mkNot(space.resourceRequest), match);
    }
}
