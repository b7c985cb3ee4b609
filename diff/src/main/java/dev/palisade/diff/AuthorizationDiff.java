package dev.palisade.diff;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.Model;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Status;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.abac.AbacAuthorizer;
import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.StaticAuthorizer;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.policy.PolicyAuthorizer;
import dev.palisade.engine.rbac.RbacAuthorizer;
import dev.palisade.engine.request.RequestAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The exact difference in authorization between two engines' configurations.
 *
 * <p>Both authorizer chains are encoded over one {@link RequestSpace} (every request a
 * SubjectAccessReview can describe). Elements present in both configurations (same authorizer,
 * same content) cannot change a decision on their own: if no element that differs matches a
 * request, every authorizer sees the same matching elements in both, so decides the same, and so
 * does the chain. Hence every changed request is matched by some differing element e, and asking
 * Z3, for each e, whether {@code match(e) ∧ allowedNew ∧ ¬allowedOld} (and the converse) is
 * satisfiable finds every class of change: complete, not sampled. Each class's example (the model)
 * is then decided by both real engines, and a class whose example does not change as the encoding
 * says is an error, never printed as a finding.
 */
public final class AuthorizationDiff {
    private AuthorizationDiff() {}

    public static DiffReport diff(PolicyEngine before, PolicyEngine after) {
        try (Context ctx = new Context()) {
            RequestSpace space = new RequestSpace(ctx);
            List<EncodedAuthorizer> old = encode(space, before.authorizers());
            List<EncodedAuthorizer> now = encode(space, after.authorizers());
            List<String> notes = new ArrayList<>();
            List<Element> removed = new ArrayList<>();
            List<Element> added = new ArrayList<>();
            if (identities(old).equals(identities(now))) {
                for (int i = 0; i < old.size(); i++) {
                    differing(old.get(i), now.get(i), removed, added);
                }
            } else {
                notes.add("the chains differ (authorizers " + identities(old) + " before, " + identities(now)
                        + " after): every element of both is examined");
                old.forEach(a -> removed.addAll(a.elements()));
                now.forEach(a -> added.addAll(a.elements()));
            }
            Solver solver = ctx.mkSolver();
            List<BoolExpr> base = new ArrayList<>(space.constraints());
            List<BoolExpr> preferences = space.preferences(base);
            base.forEach(solver::add);
            List<DiffClass> classes = new ArrayList<>();
            int queries = 0;
            for (Side side : List.of(new Side(DiffClass.Side.NEW, added, now), new Side(DiffClass.Side.OLD, removed, old))) {
                for (Element e : side.elements()) {
                    // only what may overlap e can decide where e matches: the rest is left out of the question
                    BoolExpr allowedOld = chain(space, around(space, old, e));
                    BoolExpr allowedNew = chain(space, around(space, now, e));
                    for (DiffClass.Direction direction : DiffClass.Direction.values()) {
                        queries++;
                        solver.push();
                        solver.add(e.match());
                        solver.add(direction == DiffClass.Direction.GRANTED ? ctx.mkAnd(allowedNew, ctx.mkNot(allowedOld))
                                : ctx.mkAnd(allowedOld, ctx.mkNot(allowedNew)));
                        Status status = solver.check();
                        if (status == Status.SATISFIABLE) {
                            classes.add(verified(direction, side, e, space.request(readable(solver, preferences)), before, after));
                        } else if (status != Status.UNSATISFIABLE) {
                            throw new IllegalStateException("Z3 could not decide (" + solver.getReasonUnknown() + ") for " + e.description());
                        }
                        solver.pop();
                    }
                }
            }
            classes.sort(java.util.Comparator.comparing(DiffClass::direction));
            return new DiffReport(classes, removed.size(), added.size(), queries, notes);
        }
    }

    /**
     * For tests: the requests on which the encoding's verdicts differ from the real engines'. With
     * the request's every attribute fixed (its groups and extra values included), each chain's
     * formula must be decided, and decided as {@code authorize} decides.
     */
    static List<String> disagreements(PolicyEngine before, PolicyEngine after, List<RequestAttributes> requests) {
        List<String> out = new ArrayList<>();
        try (Context ctx = new Context()) {
            RequestSpace space = new RequestSpace(ctx);
            BoolExpr allowedOld = chain(space, encode(space, before.authorizers()));
            BoolExpr allowedNew = chain(space, encode(space, after.authorizers()));
            Solver s = ctx.mkSolver();
            space.constraints().forEach(s::add);
            for (RequestAttributes r : requests) {
                s.push();
                s.add(space.fix(r));
                for (boolean old : List.of(true, false)) {
                    BoolExpr allowed = old ? allowedOld : allowedNew;
                    boolean real = (old ? before : after).authorize(r).allowed();
                    boolean canAllow = s.check(allowed) == Status.SATISFIABLE;
                    boolean canDeny = s.check(ctx.mkNot(allowed)) == Status.SATISFIABLE;
                    if (canAllow != real || canDeny == real) {
                        out.add((old ? "old" : "new") + ": " + r + " engine allowed=" + real + ", encoding can allow=" + canAllow
                                + ", can deny=" + canDeny);
                    }
                }
                s.pop();
            }
        }
        return out;
    }

    private record Side(DiffClass.Side side, List<Element> elements, List<EncodedAuthorizer> chain) {
        String authorizerOf(Element e) {
            for (EncodedAuthorizer a : chain) {
                if (a.elements().contains(e)) {
                    return a.name();
                }
            }
            return "";
        }
    }

    /**
     * A model of the satisfiable question on the solver's stack, as readable as the class allows:
     * checked again assuming every preference, dropping those in the unsatisfiable core until it holds.
     */
    private static Model readable(Solver s, List<BoolExpr> preferences) {
        Model plain = s.getModel();
        List<BoolExpr> assumed = new ArrayList<>(preferences);
        for (int round = 0; round <= preferences.size(); round++) {
            Status status = s.check(assumed.toArray(BoolExpr[]::new));
            if (status == Status.SATISFIABLE) {
                return s.getModel();
            }
            if (status != Status.UNSATISFIABLE) {
                return plain;
            }
            List<BoolExpr> core = List.of(s.getUnsatCore());
            if (core.isEmpty()) {
                return plain;
            }
            assumed.removeAll(core);
        }
        return plain;
    }

    private static List<EncodedAuthorizer> around(RequestSpace space, List<EncodedAuthorizer> chain, Element focus) {
        return chain.stream().map(a -> a.around(space, focus)).toList();
    }

    /** The example must change in the real engines exactly as the encoding says. */
    private static DiffClass verified(DiffClass.Direction direction, Side side, Element e, RequestAttributes example,
                                      PolicyEngine before, PolicyEngine after) {
        Decision old = before.authorize(example);
        Decision now = after.authorize(example);
        boolean expected = direction == DiffClass.Direction.GRANTED ? !old.allowed() && now.allowed() : old.allowed() && !now.allowed();
        if (!expected) {
            throw new IllegalStateException("diff is wrong: " + e.description() + " should " + direction + " " + example.describe()
                    + " by " + example.user() + ", but the engines decided " + old.verdict() + " before and " + now.verdict() + " after");
        }
        return new DiffClass(direction, side.side(), side.authorizerOf(e), e.description(), e.location(), example, old, now);
    }

    private static void differing(EncodedAuthorizer old, EncodedAuthorizer now, List<Element> removed, List<Element> added) {
        Set<String> oldKeys = new HashSet<>();
        old.elements().forEach(e -> oldKeys.add(e.key()));
        Set<String> newKeys = new HashSet<>();
        now.elements().forEach(e -> newKeys.add(e.key()));
        old.elements().stream().filter(e -> !newKeys.contains(e.key())).forEach(removed::add);
        now.elements().stream().filter(e -> !oldKeys.contains(e.key())).forEach(added::add);
    }

    private static List<String> identities(List<EncodedAuthorizer> chain) {
        return chain.stream().map(EncodedAuthorizer::identity).toList();
    }

    /** Kubernetes' union: the first authorizer with an opinion decides; nobody with one denies. */
    private static BoolExpr chain(RequestSpace space, List<EncodedAuthorizer> chain) {
        Context ctx = space.ctx;
        List<BoolExpr> allowedAt = new ArrayList<>();
        List<BoolExpr> silentSoFar = new ArrayList<>();
        for (EncodedAuthorizer a : chain) {
            List<BoolExpr> here = new ArrayList<>(silentSoFar);
            here.add(a.allows());
            allowedAt.add(space.and(here));
            silentSoFar.add(ctx.mkNot(ctx.mkOr(a.allows(), a.denies())));
        }
        return space.or(allowedAt);
    }

    private static List<EncodedAuthorizer> encode(RequestSpace space, List<Authorizer> authorizers) {
        List<EncodedAuthorizer> out = new ArrayList<>();
        for (Authorizer a : authorizers) {
            out.add(encode(space, a));
        }
        return out;
    }

    private static EncodedAuthorizer encode(RequestSpace space, Authorizer a) {
        Context ctx = space.ctx;
        if (a instanceof PolicyAuthorizer p) {
            return new PolicyEncoder(space).encode(a.name(), p.source().orElseThrow(() ->
                    new UnsupportedPolicyException("policy set " + a.name() + " was built without its source files")));
        }
        if (a instanceof RbacAuthorizer r) {
            return new RbacEncoder(space).encode(a.name(), r);
        }
        if (a instanceof AbacAuthorizer abac) {
            return new AbacEncoder(space).encode(a.name(), abac.policies());
        }
        if (a instanceof StaticAuthorizer) {
            boolean allows = a.authorize(new RequestAttributes(null, "", "", "", "", "", "", "", true, "")).verdict() == Verdict.ALLOW;
            Element e = new Element(a.name(), allows ? Element.Effect.ALLOW : Element.Effect.DENY, a.name(), "", ctx.mkTrue());
            return new EncodedAuthorizer(a.name(), a.name(), ctx.mkBool(allows), ctx.mkBool(!allows), List.of(e));
        }
        throw new UnsupportedPolicyException("authorizer " + a.name() + " (" + a.getClass().getSimpleName()
                + ") cannot be analysed: its decisions are not in the configuration (a webhook asks another service)");
    }
}
