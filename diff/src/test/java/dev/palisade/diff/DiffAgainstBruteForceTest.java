package dev.palisade.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.rbac.RbacAuthorizer;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * diff against brute force, on small random configurations (a DSL policy set from a pool of rules
 * using every operator kind, then RBAC) and a random edit of them: over every request built from
 * the constants the pool and the RBAC alphabet mention plus values they do not,
 * (1) the encoding decides each probed request exactly as the real engines do, and (2) when some
 * request changes in a direction, diff reports a class in that direction (every class it reports is
 * verified against both engines inside diff itself).
 */
class DiffAgainstBruteForceTest {
    static final List<String> POOL = List.of(
            "allow \"r1\" when \"g1\" in user.groups and verb in [\"get\", \"list\"]",
            "deny \"r2\" when resource == \"secrets\" and not (\"admins\" in user.groups)",
            "allow \"r3\" when namespace == user.name",
            "allow \"r4\" when user.groups startsWith \"team-\" and verb == \"get\"",
            "deny \"r5\" when name matches \"tmp-*\"",
            "allow \"r6\" when not resourceRequest and path startsWith \"/api\"",
            "allow \"r7\" when user.extra[\"scopes\"] contains \"all\"",
            "deny \"r8\" when verb == \"delete\" and namespace in [\"kube-system\", \"n1\"]",
            "allow \"r9\" when resource == \"pods\" and subresource in [\"log\", \"exec\"]",
            "allow \"r10\" when user.name in user.groups and verb != \"delete\"",
            "deny \"r11\" when user.serviceAccount.namespace exists and namespace != user.serviceAccount.namespace",
            "allow \"r12\" when user.serviceAccount.name == \"a\" and verb == \"get\"",
            "allow \"r13\" when namespace + \"-\" + name == \"n1-web\" and verb == \"list\"",
            "deny \"r14\" when coalesce(subresource, name) == \"tmp-1\"");

    private static final List<String> USERS = List.of("a", "b", "n1", "system:serviceaccount:n1:a", "system:serviceaccount:kube-system:a",
            "system:serviceaccount:n1:a:b");
    private static final List<String> GROUPS = List.of("g1", "team-x", "admins", "b");

    /** One configuration: which pool rules, and the RBAC objects. */
    record Config(List<Integer> rules, RbacPolicy rbac) {}

    @Property(tries = 25)
    void diffFindsEveryDirectionBruteForceFinds_andTheEncodingDecidesAsTheEngines(
            @ForAll("configs") Config old, @ForAll("edits") long editSeed, @ForAll("seeds") long sampleSeed) throws IOException {
        Config changed = edit(old, new Random(editSeed));
        Path dir = Files.createTempDirectory("diff-prop");
        try (PolicyEngine before = engine(dir.resolve("old"), old); PolicyEngine after = engine(dir.resolve("new"), changed)) {
            List<RequestAttributes> universe = universe();
            Set<DiffClass.Direction> seen = EnumSet.noneOf(DiffClass.Direction.class);
            List<RequestAttributes> changedRequests = new ArrayList<>();
            for (RequestAttributes r : universe) {
                boolean a = before.authorize(r).allowed();
                boolean b = after.authorize(r).allowed();
                if (a != b) {
                    seen.add(b ? DiffClass.Direction.GRANTED : DiffClass.Direction.REVOKED);
                    changedRequests.add(r);
                }
            }
            DiffReport report = AuthorizationDiff.diff(before, after);
            Set<DiffClass.Direction> found = EnumSet.noneOf(DiffClass.Direction.class);
            report.classes().forEach(c -> found.add(c.direction()));
            assertEquals(true, found.containsAll(seen), () -> "brute force saw " + seen + ", diff found " + report.classes()
                    + "; e.g. " + changedRequests.get(0) + " between " + old + " and " + changed);
            Random random = new Random(sampleSeed);
            List<RequestAttributes> probe = new ArrayList<>(changedRequests.subList(0, Math.min(15, changedRequests.size())));
            for (int i = 0; i < 25; i++) {
                probe.add(universe.get(random.nextInt(universe.size())));
            }
            assertEquals(List.of(), AuthorizationDiff.disagreements(before, after, probe));
        }
    }

    private static PolicyEngine engine(Path dir, Config c) {
        try {
            Files.createDirectories(dir);
            StringBuilder text = new StringBuilder("package p\n");
            for (int i : c.rules()) {
                text.append(POOL.get(i)).append('\n');
            }
            Path file = dir.resolve("p.pal");
            Files.writeString(file, text);
            return PolicyEngine.builder().add(PolicyEngine.compilePolicies("dsl", List.of(file)))
                    .add(RbacAuthorizer.of(c.rbac())).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Toggle a pool rule, drop a binding, or add one. */
    private static Config edit(Config c, Random random) {
        List<Integer> rules = new ArrayList<>(c.rules());
        RbacPolicy rbac = c.rbac();
        switch (random.nextInt(3)) {
            case 0 -> {
                Integer r = random.nextInt(POOL.size());
                if (!rules.remove(r)) {
                    rules.add(r);
                }
            }
            case 1 -> {
                List<RoleBinding> rbs = new ArrayList<>(rbac.roleBindings());
                List<ClusterRoleBinding> crbs = new ArrayList<>(rbac.clusterRoleBindings());
                if (!crbs.isEmpty() && random.nextBoolean()) {
                    crbs.remove(random.nextInt(crbs.size()));
                } else if (!rbs.isEmpty()) {
                    rbs.remove(random.nextInt(rbs.size()));
                }
                rbac = new RbacPolicy(rbac.roles(), rbac.clusterRoles(), rbs, crbs);
            }
            default -> {
                List<ClusterRoleBinding> crbs = new ArrayList<>(rbac.clusterRoleBindings());
                crbs.add(new ClusterRoleBinding("added", List.of(random.nextBoolean() ? Subject.group(GROUPS.get(random.nextInt(4)))
                        : Subject.user(USERS.get(random.nextInt(4)))), RoleRef.clusterRole("r" + (1 + random.nextInt(3))), ObjectSource.NONE));
                rbac = new RbacPolicy(rbac.roles(), rbac.clusterRoles(), rbac.roleBindings(), crbs);
            }
        }
        return new Config(rules, rbac);
    }

    /** Every request over the constants above, and values nobody mentions ("zz", "other", "/apis"). */
    static List<RequestAttributes> universe() {
        List<UserInfo> users = new ArrayList<>();
        for (String u : USERS) {
            for (int mask = 0; mask < 16; mask++) {
                List<String> groups = new ArrayList<>();
                for (int g = 0; g < 4; g++) {
                    if ((mask & (1 << g)) != 0) {
                        groups.add(GROUPS.get(g));
                    }
                }
                if (mask == 3) {
                    groups.add("zz");
                }
                users.add(new UserInfo(u, "", groups, mask % 5 == 1 ? Map.of("scopes", List.of("all")) : Map.of()));
            }
        }
        List<RequestAttributes> out = new ArrayList<>();
        String[][] kinds = {{"", "pods"}, {"", "secrets"}, {"apps", "deployments"}};
        for (UserInfo u : users) {
            for (String verb : List.of("get", "list", "delete")) {
                for (String ns : List.of("", "n1", "kube-system", "other")) {
                    for (String[] kind : kinds) {
                        for (String sub : List.of("", "log")) {
                            for (String name : List.of("", "tmp-1", "web")) {
                                out.add(new RequestAttributes(u, verb, ns, kind[0], "v1", kind[1], sub, name, true, ""));
                            }
                        }
                    }
                }
            }
            for (String verb : List.of("get", "post")) {
                for (String path : List.of("/healthz", "/api/v1", "/apis", "/other")) {
                    out.add(RequestAttributes.nonResource(u, verb, path));
                }
            }
        }
        return out;
    }

    @Provide
    Arbitrary<Long> edits() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<Config> configs() {
        Arbitrary<PolicyRule> rule = Combinators.combine(
                Arbitraries.of("get", "list", "delete", "*").list().ofMinSize(1).ofMaxSize(2),
                Arbitraries.of("", "apps", "*").list().ofMinSize(1).ofMaxSize(2),
                Arbitraries.of("pods", "pods/log", "*/log", "*", "deployments", "secrets").list().ofMinSize(1).ofMaxSize(2),
                Arbitraries.of("web", "tmp-1").list().ofMaxSize(1))
                .as((v, g, r, n) -> new PolicyRule(v, g, r, n, List.of()));
        Arbitrary<PolicyRule> urlRule = Combinators.combine(Arbitraries.of("get", "post", "*").list().ofMinSize(1).ofMaxSize(2),
                Arbitraries.of("/healthz", "/api/*", "/api*", "*").list().ofMinSize(1).ofMaxSize(2))
                .as((v, u) -> new PolicyRule(v, List.of(), List.of(), List.of(), u));
        Arbitrary<List<PolicyRule>> rules = Arbitraries.oneOf(rule, rule, urlRule).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Subject> subject = Arbitraries.oneOf(
                Arbitraries.of(USERS).map(Subject::user),
                Arbitraries.of(GROUPS).map(Subject::group),
                Arbitraries.of("", "n1").map(ns -> Subject.serviceAccount(ns, "a")));
        Arbitrary<ClusterRole> clusterRole = Combinators.combine(Arbitraries.of("r1", "r2", "r3"), rules)
                .as((n, rs) -> new ClusterRole(n, Map.of(), rs, Optional.empty(), ObjectSource.NONE));
        Arbitrary<Role> role = Combinators.combine(Arbitraries.of("n1", "kube-system"), Arbitraries.of("r1", "r4"), rules)
                .as((ns, n, rs) -> new Role(n, ns, Map.of(), rs, ObjectSource.NONE));
        Arbitrary<RoleRef> ref = Combinators.combine(Arbitraries.of(RoleRef.ROLE, RoleRef.CLUSTER_ROLE),
                Arbitraries.of("r1", "r2", "r3", "r4")).as((k, n) -> new RoleRef("rbac.authorization.k8s.io", k, n));
        Arbitrary<RoleBinding> rb = Combinators.combine(Arbitraries.of("x", "y"), Arbitraries.of("n1", "kube-system"),
                subject.list().ofMinSize(1).ofMaxSize(2), ref).as((n, ns, s, r) -> new RoleBinding(n, ns, s, r, ObjectSource.NONE));
        Arbitrary<ClusterRoleBinding> crb = Combinators.combine(Arbitraries.of("x", "y"), subject.list().ofMinSize(1).ofMaxSize(2),
                Arbitraries.of("r1", "r2", "r3")).as((n, s, r) -> new ClusterRoleBinding(n, s, RoleRef.clusterRole(r), ObjectSource.NONE));
        Arbitrary<RbacPolicy> rbac = Combinators.combine(role.list().ofMaxSize(2),
                clusterRole.list().ofMaxSize(3).uniqueElements(ClusterRole::name),
                rb.list().ofMaxSize(3), crb.list().ofMaxSize(2)).as(RbacPolicy::new);
        Arbitrary<List<Integer>> pool = Arbitraries.integers().between(0, POOL.size() - 1).set().ofMaxSize(5).map(List::copyOf);
        return Combinators.combine(pool, rbac).as(Config::new);
    }
}
