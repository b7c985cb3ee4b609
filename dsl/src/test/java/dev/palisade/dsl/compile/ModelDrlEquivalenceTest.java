package dev.palisade.dsl.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.model.DrlWriter;
import dev.palisade.dsl.runtime.AuthzInput;
import dev.palisade.dsl.runtime.PolicyProgram;
import dev.palisade.dsl.runtime.PolicyResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.constraint.Constraint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * The executable model that {@link CompiledPolicySet#build()} builds answers exactly as the DRL
 * rendering of the same rules built by Drools' classic DRL builder: same effect, same matched
 * rules in the same order, on thousands of seeded requests over every atom kind (equalities, in,
 * negations, attribute equality, predicates, groups, extra, flags, authn fields). And the model
 * runs no MVEL: none of its constraints is an MVEL constraint.
 */
class ModelDrlEquivalenceTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/compile");

    /** Values the policies below mention, near misses, and strings no rule names. */
    private static final String[] USERS = {"", "alex", "bob", "default", "system:serviceaccount:ci:deployer",
        "system:serviceaccount:x", "a@corp.example", "readers", "u-1", "u-2", "web"};
    private static final String[] GROUPS = {"readers", "interns", "devs", "system:masters", "system:x", "team-1",
        "team-2", "default", "alex", "u-1", "other"};
    private static final String[] VERBS = {"", "get", "list", "watch", "delete", "create"};
    private static final String[] NAMESPACES = {"", "default", "alex", "ns-1", "ns-2", "u-1", "other"};
    private static final String[] RESOURCES = {"", "pods", "secrets", "configmaps", "nodes"};
    private static final String[] SUBRESOURCES = {"", "exec", "attach", "log"};
    private static final String[] NAMES = {"", "web", "webapp", "tmp-1", "x"};
    private static final String[] PATHS = {"", "/healthz", "/livez", "/debug/pprof", "/x"};
    private static final String[] SCOPES = {"read", "write", "x:admin", "legacy", "all"};
    private static final String[] METHODS = {"", "x509", "token", "basic"};
    private static final String[] AUTHENTICATORS = {"", "corp-webhook", "other"};

    record Input(String userName, List<String> userGroups, Map<String, List<String>> userExtra, String verb,
                 String namespace, String resource, String subresource, String name, String path,
                 boolean resourceRequest, String authnMethod, String authnAuthenticator) implements AuthzInput {
        @Override public String userUid() { return ""; }
        @Override public String apiGroup() { return ""; }
        @Override public String apiVersion() { return ""; }
    }

    private static List<Input> requests(long seed, int count) {
        Random rnd = new Random(seed);
        List<Input> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> groups = new ArrayList<>();
            for (int g = rnd.nextInt(4); g > 0; g--) {
                groups.add(pick(rnd, GROUPS));
            }
            Map<String, List<String>> extra = new LinkedHashMap<>();
            if (rnd.nextBoolean()) {
                extra.put(rnd.nextInt(4) == 0 ? "other" : "scopes", List.of(pick(rnd, SCOPES), pick(rnd, SCOPES)));
            }
            out.add(new Input(pick(rnd, USERS), groups, extra, pick(rnd, VERBS), pick(rnd, NAMESPACES),
                    pick(rnd, RESOURCES), pick(rnd, SUBRESOURCES), pick(rnd, NAMES), pick(rnd, PATHS),
                    rnd.nextInt(4) != 0, pick(rnd, METHODS), pick(rnd, AUTHENTICATORS)));
        }
        return out;
    }

    private static String pick(Random rnd, String[] values) {
        return values[rnd.nextInt(values.length)];
    }

    private static void assertSameAnswers(CompiledPolicySet set) {
        PolicyProgram model = set.build();
        PolicyProgram drl = KieBaseBuilder.buildFromDrl(set);
        int matched = 0;
        for (Input r : requests(7, 3000)) {
            PolicyResult a = model.evaluate(r);
            PolicyResult b = drl.evaluate(r);
            assertEquals(b.effect(), a.effect(), r::toString);
            assertEquals(ids(b), ids(a), r::toString);
            matched += a.matched().size();
        }
        assertTrue(matched > 0, "the requests should match some rules");
    }

    private static List<String> ids(PolicyResult r) {
        return r.matched().stream().map(RuleInfo::id).collect(Collectors.toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic", "predicates"})
    void goldenPoliciesAnswerAsTheirDrl(String name) throws IOException {
        assertSameAnswers(Policies.compile(Files.readString(GOLDEN.resolve(name + ".pal"), StandardCharsets.UTF_8)));
    }

    @Test
    void authnRulesAnswerAsTheirDrl() throws IOException {
        String source = Files.readString(GOLDEN.resolve("authn.pal"), StandardCharsets.UTF_8);
        assertSameAnswers(AuthnCompiler.compile(Policies.parse(source)).policySet());
    }

    @Test
    void combinedShapesAnswerAsTheirDrl() {
        assertSameAnswers(Policies.compile("""
                allow "a" when verb == "get" and namespace != "default" or resource in ["pods", "secrets"]
                deny "b" when not ("devs" in user.groups) and verb not in ["get", "list"] and resourceRequest
                allow "c" when namespace in user.groups or user.name in user.extra["scopes"]
                deny "d" when user.extra["scopes"] startsWith "x:" and not (name contains "web")
                allow "e" when namespace == user.name and "u-1" in user.groups and subresource != "exec"
                deny "f" when user.groups endsWith "masters" or not (path matches "/debug/*") and not resourceRequest
                allow "g" when "write" in user.extra["scopes"] and not ("legacy" in user.extra["scopes"])
                allow "h" when name contains namespace and resource == "pods"
                deny "i" when verb == "delete" and namespace == "ns-1" and resource == "secrets"
                deny "j" when verb == "delete" and namespace == "ns-2" and resource == "secrets"
                allow "k" when verb == "list" and namespace == "ns-1"
                allow "l" when verb == "list" and namespace == "ns-2"
                allow "m" when verb == "watch" and namespace == "ns-1"
                allow "n" when "team-1" in user.groups and namespace == "ns-1" and not ("interns" in user.groups)
                deny "o" when not ("devs" in user.groups) and verb == "delete" and "write" in user.extra["scopes"]
                  and not ("legacy" in user.extra["scopes"])
                allow "p" when "team-2" in user.groups and "readers" in user.groups and resource in ["pods", "nodes"]
                  and namespace == "default" or "system:masters" in user.groups
                allow "always"
                """));
    }

    /** Many rules on the same fields: hashed alpha nodes (three or more siblings) and node sharing. */
    @Test
    void manySimilarRulesAnswerAsTheirDrl() {
        Random rnd = new Random(3);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            b.append(i % 5 == 0 ? "deny" : "allow").append(" \"r").append(i).append("\" when ");
            b.append(i % 3 == 0 ? "user.name == \"u-" + rnd.nextInt(3) + "\"" : "\"team-" + rnd.nextInt(3) + "\" in user.groups");
            b.append(" and namespace == \"ns-").append(rnd.nextInt(3)).append('"');
            b.append(" and resource == \"").append(pick(rnd, RESOURCES)).append('"');
            b.append(" and verb in [\"").append(pick(rnd, VERBS)).append("\", \"").append(pick(rnd, VERBS)).append("\"]\n");
        }
        assertSameAnswers(Policies.compile(b.toString()));
    }

    @Test
    void theModelHasNoMvelConstraintAndTheSameRulesAsTheDrl() {
        CompiledPolicySet set = Policies.compile("""
                allow "a" when verb == "get" and namespace != "default" or resource in ["pods", "secrets"]
                allow "c" when namespace in user.groups or user.name in user.extra["scopes"]
                deny "d" when user.extra["scopes"] startsWith "x:" and not (name contains "web")
                """);
        KieBase kieBase = kieBase(set.build());
        List<String> names = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                names.add(rule.getName());
                for (Constraint c : constraints(((RuleImpl) rule).getLhs(), new ArrayList<>())) {
                    assertFalse(c.getClass().getName().toLowerCase().contains("mvel"), c.getClass().getName());
                }
            }
        }
        names.sort(null);
        List<String> drlNames = DrlWriter.drl(set.plan()).lines().filter(l -> l.startsWith("rule ")).map(l -> l.substring(6, l.length() - 1))
                .sorted().toList();
        assertEquals(drlNames, names);
    }

    private static List<Constraint> constraints(RuleConditionElement e, List<Constraint> out) {
        if (e instanceof GroupElement g) {
            for (RuleConditionElement child : g.getChildren()) {
                constraints(child, out);
            }
        } else if (e instanceof Pattern p) {
            out.addAll(p.getConstraints());
        }
        return out;
    }

    private static KieBase kieBase(PolicyProgram p) {
        try {
            var m = PolicyProgram.class.getDeclaredMethod("kieBase");
            m.setAccessible(true);
            return (KieBase) m.invoke(p);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
