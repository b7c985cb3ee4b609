package dev.palisade.engine.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.rbac.model.ClusterRole;
import dev.palisade.engine.rbac.model.ClusterRoleBinding;
import dev.palisade.engine.rbac.model.ObjectSource;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.rbac.model.RbacPolicy;
import dev.palisade.engine.rbac.model.Role;
import dev.palisade.engine.rbac.model.RoleBinding;
import dev.palisade.engine.rbac.model.RoleRef;
import dev.palisade.engine.rbac.model.Subject;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The Drools path (grants as facts, hashed joins) must decide exactly as a literal port of the
 * apiserver's resolver loop ({@link RuleResolver#firstAllowing}), including which binding and
 * subject the reason names, on random policies over a small alphabet (so that matches happen).
 */
class RbacReferenceEquivalenceTest {
    private static final List<String> NAMES = List.of("a", "b", "c");
    private static final List<String> NAMESPACES = List.of("n1", "n2");

    @Property(tries = 150)
    void droolsDecides_asTheResolverLoop(@ForAll("policies") RbacPolicy policy, @ForAll("requests") List<RequestAttributes> requests) {
        decidesAsTheResolverLoop(RbacAuthorizer.of(policy), policy, requests);
    }

    /** The identity cache emptied every few requests (a bound of 4 keys) changes no decision. */
    @Property(tries = 100)
    void droolsDecides_asTheResolverLoop_withATinyIdentityCache(@ForAll("policies") RbacPolicy policy,
                                                                @ForAll("requests") List<RequestAttributes> requests) {
        decidesAsTheResolverLoop(RbacAuthorizer.of(policy, 4), policy, requests);
    }

    /**
     * {@code palisade explain}'s binding trace shows a binding that allows (no gaps) exactly when
     * the authorizer allows, and every other binding naming the user keeps at least one gap.
     */
    @Property(tries = 150)
    void explainedBindingsAllow_exactlyWhenTheAuthorizerAllows(@ForAll("policies") RbacPolicy policy,
                                                               @ForAll("requests") List<RequestAttributes> requests) {
        RbacAuthorizer rbac = RbacAuthorizer.of(policy);
        try {
            for (RequestAttributes r : requests) {
                List<BindingTrace> traces = rbac.explain(r);
                boolean traced = traces.stream().anyMatch(BindingTrace::allows);
                assertEquals(rbac.authorize(r).allowed(), traced, () -> r.describe() + " by " + r.user() + " traced " + traces);
                for (BindingTrace t : traces) {
                    if (!t.allows() && t.roleFound() && t.closestRule() != null) {
                        org.junit.jupiter.api.Assertions.assertFalse(t.gaps().isEmpty(), t::toString);
                    }
                }
            }
        } finally {
            rbac.close();
        }
    }

    private static void decidesAsTheResolverLoop(RbacAuthorizer rbac, RbacPolicy policy, List<RequestAttributes> requests) {
        RuleResolver reference = new RuleResolver(rbac.policy());
        try {
            for (RequestAttributes r : requests) {
                Decision d = rbac.authorize(r);
                Optional<String> expected = reference.firstAllowing(r);
                assertEquals(expected.isPresent(), d.allowed(), () -> r.describe() + " by " + r.user() + " under " + policy);
                expected.ifPresent(reason -> assertEquals(reason, d.reasons().get(0).message()));
            }
        } finally {
            rbac.close();
        }
    }

    @Provide
    Arbitrary<RbacPolicy> policies() {
        Arbitrary<PolicyRule> rule = Combinators.combine(
                Arbitraries.of("get", "list", "*").list().ofMinSize(1).ofMaxSize(2),
                Arbitraries.of("", "apps", "*").list().ofMinSize(0).ofMaxSize(2),
                Arbitraries.of("pods", "pods/log", "*/log", "*", "deployments").list().ofMaxSize(2),
                Arbitraries.of("web", "db").list().ofMaxSize(1),
                Arbitraries.of("/healthz", "/api/*", "*").list().ofMaxSize(1))
                .as(PolicyRule::new);
        Arbitrary<List<PolicyRule>> rules = rule.list().ofMaxSize(3);
        Arbitrary<Subject> subject = Arbitraries.oneOf(
                Arbitraries.of(NAMES).map(Subject::user),
                Arbitraries.of(NAMES).map(Subject::group),
                Combinators.combine(Arbitraries.of("", "n1", "n2"), Arbitraries.of(NAMES)).as(Subject::serviceAccount));
        Arbitrary<List<Subject>> subjects = subject.list().ofMaxSize(3);
        Arbitrary<ClusterRole> clusterRole = Combinators.combine(Arbitraries.of("r1", "r2", "r3"), rules)
                .as((n, rs) -> new ClusterRole(n, Map.of(), rs, Optional.empty(), ObjectSource.NONE));
        Arbitrary<Role> role = Combinators.combine(Arbitraries.of(NAMESPACES), Arbitraries.of("r1", "r4"), rules)
                .as((ns, n, rs) -> new Role(n, ns, Map.of(), rs, ObjectSource.NONE));
        Arbitrary<RoleRef> ref = Combinators.combine(Arbitraries.of(RoleRef.ROLE, RoleRef.CLUSTER_ROLE),
                Arbitraries.of("r1", "r2", "r3", "r4")).as((k, n) -> new RoleRef("rbac.authorization.k8s.io", k, n));
        Arbitrary<RoleBinding> rb = Combinators.combine(Arbitraries.of("x", "y", "z"), Arbitraries.of(NAMESPACES), subjects, ref)
                .as((n, ns, s, r) -> new RoleBinding(n, ns, s, r, ObjectSource.NONE));
        Arbitrary<ClusterRoleBinding> crb = Combinators.combine(Arbitraries.of("x", "y", "z"), subjects,
                Arbitraries.of("r1", "r2", "r3", "r4"))
                .as((n, s, r) -> new ClusterRoleBinding(n, s, RoleRef.clusterRole(r), ObjectSource.NONE));
        return Combinators.combine(
                role.list().ofMaxSize(3),
                clusterRole.list().ofMaxSize(3).uniqueElements(ClusterRole::name),
                rb.list().ofMaxSize(4),
                crb.list().ofMaxSize(3)).as(RbacPolicy::new);
    }

    @Provide
    Arbitrary<List<RequestAttributes>> requests() {
        Arbitrary<UserInfo> user = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(NAMES), Arbitraries.of(NAMES).list().ofMaxSize(2))
                        .as((n, g) -> new UserInfo(n, "", g, null)),
                Combinators.combine(Arbitraries.of("n1", "n2"), Arbitraries.of(NAMES))
                        .as((ns, n) -> UserInfo.of("system:serviceaccount:" + ns + ":" + n)));
        Arbitrary<RequestAttributes> resource = Combinators.combine(user, Arbitraries.of("get", "list", "delete"),
                Arbitraries.of("", "n1", "n2"), Arbitraries.of("", "apps"), Arbitraries.of("pods", "deployments"),
                Arbitraries.of("", "log"), Arbitraries.of("", "web"))
                .as(RequestAttributes::resource);
        Arbitrary<RequestAttributes> url = Combinators.combine(user, Arbitraries.of("get", "post"),
                Arbitraries.of("/healthz", "/api/v1", "/apis"))
                .as(RequestAttributes::nonResource);
        return Arbitraries.oneOf(resource, url).list().ofMinSize(1).ofMaxSize(8);
    }
}
