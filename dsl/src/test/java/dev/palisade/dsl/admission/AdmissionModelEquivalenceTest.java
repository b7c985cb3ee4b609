package dev.palisade.dsl.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.check.PolicyChecker;
import dev.palisade.dsl.model.DrlWriter;
import dev.palisade.dsl.parse.ParseResult;
import dev.palisade.dsl.parse.PolicyParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.constraint.Constraint;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The executable model that {@link CompiledAdmissionSet#build()} builds answers exactly as the DRL
 * rendering of the same rules built by Drools' classic DRL builder (MVEL constraints): same
 * violations (rule, message, field) in the same order, same patch, same mutating rules, same
 * resulting object. Inputs: every object of the admission library's case files
 * ({@code rules/policies/admission/**}), against each policy file, as a pod and inside a
 * Deployment, on CREATE and UPDATE; and every Pod Security fixture pod of the conformance material
 * (when present) against the newest and the oldest version of every check. And the model runs no
 * MVEL: none of its constraints is an MVEL constraint.
 */
class AdmissionModelEquivalenceTest {
    private static final Path LIBRARY = Path.of("..", "rules", "policies", "admission");

    private static CompiledAdmissionSet compile(List<Path> files) throws IOException {
        List<PolicyFile> parsed = new ArrayList<>();
        for (Path f : files) {
            ParseResult r = PolicyParser.parse(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            assertEquals(List.of(), r.diagnostics(), f::toString);
            parsed.add(r.file());
        }
        assertEquals(List.of(), PolicyChecker.check(parsed), files::toString);
        return AdmissionCompiler.compile(parsed);
    }

    private static CompiledAdmissionSet compile(String text) {
        ParseResult r = PolicyParser.parse("t.pal", text);
        assertEquals(List.of(), r.diagnostics());
        assertEquals(List.of(), PolicyChecker.check(List.of(r.file())));
        return AdmissionCompiler.compile(List.of(r.file()));
    }

    /** Everything an evaluation answers, as one comparable value. */
    private static List<Object> answer(AdmissionResult r) {
        List<Object> out = new ArrayList<>();
        for (Violation v : r.violations()) {
            out.add(List.of(v.rule().id(), v.rule().enforcement().name(), v.rule().location(), v.message(), v.field()));
        }
        out.add(r.patch());
        out.add(r.mutatedBy().stream().map(AdmissionRuleInfo::id).toList());
        out.add(r.object() == null ? "absent" : r.object());
        return out;
    }

    /** What a run of inputs produced: violations, and answers with a patch (each checked by applying it). */
    private record Tally(int violations, int patched) {
        Tally plus(Tally o) {
            return new Tally(violations + o.violations, patched + o.patched);
        }
    }

    /** Runs every input through both programs and checks every patch by applying it. */
    private static Tally assertSameAnswers(CompiledAdmissionSet set, List<AdmissionInput> inputs, String what) {
        AdmissionProgram model = set.build();
        AdmissionProgram drl = set.withKieBase(dev.palisade.dsl.compile.KieBaseBuilder.buildPackage(DrlWriter.drl(set.plan()), set.plan().packageName()));
        int violations = 0;
        int patched = 0;
        for (AdmissionInput in : inputs) {
            AdmissionResult a = model.evaluate(in);
            AdmissionResult b = drl.evaluate(in);
            assertEquals(answer(b), answer(a), () -> what + ": " + in);
            if (!a.patch().isEmpty()) {
                // the patch, applied by an independent RFC 6902 implementation, gives the mutated object
                assertEquals(JsonValues.deepCopy(a.object()), JsonPatchApplier.apply(in.object(), a.patch()),
                        () -> what + ": patch " + a.patch() + " on " + in);
                patched++;
            }
            violations += a.violations().size();
        }
        return new Tally(violations, patched);
    }

    private static AdmissionInput input(String operation, String resource, String namespace, Object object,
                                        Object oldObject, Map<String, List<Object>> data) {
        return new AdmissionInput(operation, resource, "", "", namespace, "x", "alice", "",
                List.of("system:authenticated"), false, object, oldObject, data);
    }

    /** The object as a pod (or its own resource), inside a Deployment, on CREATE and on UPDATE. */
    @SuppressWarnings("unchecked")
    private static List<AdmissionInput> inputs(Map<String, Object> c) {
        Object object = c.get("object");
        String resource = (String) c.getOrDefault("resource", "pods");
        String namespace = (String) c.getOrDefault("namespace", "default");
        Map<String, List<Object>> data = (Map<String, List<Object>>) (Map<String, ?>) c.getOrDefault("data", Map.of());
        List<AdmissionInput> out = new ArrayList<>();
        out.add(input("CREATE", resource, namespace, object, null, data));
        out.add(input("UPDATE", resource, namespace, object, object, data));
        if (resource.equals("pods")) {
            Object deployment = Map.of("spec", Map.of("template", object == null ? Map.of() : object));
            out.add(input("CREATE", "deployments", namespace, deployment, null, data));
        }
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void admissionLibraryAnswersAsItsDrl() throws IOException {
        List<Path> casesFiles;
        try (Stream<Path> s = Files.walk(LIBRARY)) {
            casesFiles = s.filter(p -> p.toString().endsWith(".cases.yaml")).sorted().toList();
        }
        assertFalse(casesFiles.isEmpty(), "no case files under " + LIBRARY.toAbsolutePath());
        int policies = 0;
        int cases = 0;
        Tally tally = new Tally(0, 0);
        List<Path> topLevel = new ArrayList<>();
        List<AdmissionInput> all = new ArrayList<>();
        for (Path casesFile : casesFiles) {
            Map<String, Object> doc = (Map<String, Object>) yaml(Files.readString(casesFile));
            List<AdmissionInput> inputs = new ArrayList<>();
            for (Object c : (List<Object>) doc.get("cases")) {
                inputs.addAll(inputs((Map<String, Object>) c));
                cases++;
            }
            all.addAll(inputs);
            for (Object p : (List<Object>) doc.get("policies")) {
                Path policy = casesFile.resolveSibling((String) p);
                if (casesFile.getParent().equals(LIBRARY)) {
                    topLevel.add(policy);
                }
                tally = tally.plus(assertSameAnswers(compile(List.of(policy)), inputs, policy.toString()));
                policies++;
            }
        }
        // the library's own policies together, on every case object: rules of one set sharing nodes
        tally = tally.plus(assertSameAnswers(compile(topLevel), all, "library"));
        long files;
        try (Stream<Path> s = Files.walk(LIBRARY)) {
            files = s.filter(p -> p.toString().endsWith(".pal")).count();
        }
        assertEquals(files, policies, "every policy file of the library, once");
        assertTrue(cases >= 100, "cases: " + cases);
        assertTrue(tally.violations() > 100, "the cases should violate some rules: " + tally);
    }

    /** The Pod Security fixture pods (4,500), against the newest and the oldest file of every check. */
    @Test
    void podSecurityFixturesAnswerAsTheirDrl() throws IOException {
        Path fixtures = conformance().resolve("pod-security-admission");
        assumeTrue(Files.isDirectory(fixtures), "no Pod Security fixtures at " + fixtures.toAbsolutePath());
        List<AdmissionInput> pods = new ArrayList<>();
        try (Stream<Path> s = Files.walk(fixtures.resolve("testdata"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Object pod = yaml(Files.readString(f, StandardCharsets.UTF_8));
                pods.add(input("CREATE", "pods", "default", pod, null, Map.of()));
            }
        }
        assertTrue(pods.size() > 4000, "fixtures: " + pods.size());
        // check id -> its files by version; a check's versions share rule ids, so one of each per set
        Map<String, TreeMap<Integer, Path>> checks = new TreeMap<>();
        Path pss = LIBRARY.resolve("pss");
        for (String line : Files.readAllLines(pss.resolve("checks.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            checks.computeIfAbsent(f[1], k -> new TreeMap<>()).put(Integer.parseInt(f[2].substring(2)), pss.resolve(f[3]));
        }
        List<Path> newest = checks.values().stream().map(m -> m.lastEntry().getValue()).toList();
        List<Path> oldest = checks.values().stream().map(m -> m.firstEntry().getValue()).toList();
        assertTrue(assertSameAnswers(compile(newest), pods, "newest checks").violations() > 1000);
        assertTrue(assertSameAnswers(compile(oldest), pods, "oldest checks").violations() > 1000);
    }

    private static Path conformance() {
        String dir = System.getenv("PALISADE_CONFORMANCE_DIR");
        return dir != null ? Path.of(dir) : Path.of("..", "..", "shared", "conformance");
    }

    /** Every atom kind, mutations in order, data, oldObject, dry runs, user fields, workloads. */
    @Test
    void everyShapeAnswersAsItsDrl() {
        CompiledAdmissionSet set = compile("""
                package t
                mutate "default-non-root" on CREATE pods
                  when object.spec.securityContext.runAsNonRoot is absent
                  set object.spec.securityContext.runAsNonRoot = true
                mutate "label-after" on CREATE pods
                  when object.spec.securityContext.runAsNonRoot == true and not dryRun
                  set object.metadata.labels["hardened"] = "yes"
                mutate "drop-all" on CREATE, UPDATE pods
                  for each c in object.spec.containers
                  when c.image startsWith "corp/" or any p in c.ports: p.hostPort > 0
                  add c.securityContext.capabilities.drop = "ALL"
                  remove c.securityContext.privileged
                validate "priv" on CREATE, UPDATE pods
                  for each c in object.spec.containers, object.spec.initContainers
                  deny when c.securityContext.privileged == true or c.securityContext.capabilities.add contains "SYS_ADMIN"
                  because "container {c.name} is privileged ({c.securityContext.capabilities.add})"
                validate "ports" on CREATE pods
                  for each c in object.spec.containers
                  warn when any p in c.ports: (p.hostPort > 0 and p.protocol != "UDP")
                   and not (all e in c.env: e.name != "ALLOW_HOST")
                  because "{c.name} uses a host port"
                validate "ns" on CREATE, UPDATE pods, deployments
                  audit when namespace in ["kube-system", "default"] and user.name != "admin" and dryRun
                   or namespace == "prod" and not (any v in object.spec.volumes: v.emptyDir exists)
                  because "ns {namespace} by {user.name}"
                validate "labels" on CREATE pods
                  when not (any l in object.metadata.labels: (l.key == "app" and l.value matches "web-*"))
                   and object.metadata.name endsWith "-x"
                validate "old" on UPDATE pods
                  for each c in object.spec.containers
                  when any o in oldObject.spec.containers: (o.name == c.name and o.image != c.image)
                  because "{c.name} changed image"
                validate "budget" on CREATE pods
                  when any p in data.pods: p.metadata.labels.team == object.metadata.labels.team
                  because "team {object.metadata.labels.team} already has a pod"
                """);
        List<AdmissionInput> inputs = new ArrayList<>();
        String[] images = {"corp/a", "nginx", "corp/b"};
        for (int i = 0; i < 64; i++) {
            List<Object> containers = new ArrayList<>();
            for (int k = 0; k <= i % 3; k++) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", "c" + k);
                c.put("image", images[(i + k) % 3]);
                Map<String, Object> sc = new LinkedHashMap<>();
                if ((i >> k) % 2 == 1) {
                    sc.put("privileged", true);
                }
                if (i % 5 == k) {
                    sc.put("capabilities", new LinkedHashMap<>(Map.of("add", List.of("SYS_ADMIN", "NET_RAW"))));
                }
                c.put("securityContext", sc);
                if (i % 4 == k) {
                    c.put("ports", List.of(Map.of("hostPort", 80, "protocol", i % 8 < 4 ? "TCP" : "UDP")));
                }
                if (i % 6 == k) {
                    c.put("env", List.of(Map.of("name", "ALLOW_HOST")));
                }
                containers.add(c);
            }
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("containers", containers);
            if (i % 7 == 0) {
                spec.put("initContainers", List.of(Map.of("name", "init", "securityContext", Map.of("privileged", true))));
            }
            if (i % 3 == 1) {
                spec.put("securityContext", new LinkedHashMap<>(Map.of("runAsNonRoot", i % 2 == 0)));
            }
            if (i % 9 < 4) {
                spec.put("volumes", List.of(Map.of("name", "v", i % 2 == 0 ? "emptyDir" : "hostPath", Map.of())));
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", i % 5 == 0 ? "p-x" : "p");
            metadata.put("labels", new LinkedHashMap<>(Map.of("app", i % 2 == 0 ? "web-1" : "db", "team", "t" + i % 3)));
            Map<String, Object> pod = new LinkedHashMap<>();
            pod.put("metadata", metadata);
            pod.put("spec", spec);
            Map<String, Object> old = Map.of("spec", Map.of("containers", List.of(Map.of("name", "c0", "image", "nginx"))));
            Map<String, List<Object>> data = i % 4 == 0 ? Map.of("pods", List.of(Map.of("metadata",
                    Map.of("labels", Map.of("team", "t" + i % 2))))) : Map.of();
            String ns = new String[] {"default", "prod", "kube-system", "dev"}[i % 4];
            String op = i % 3 == 2 ? "UPDATE" : "CREATE";
            String resource = i % 8 == 5 ? "deployments" : "pods";
            Object object = resource.equals("pods") ? pod : Map.of("spec", Map.of("template", pod));
            Object oldObject = op.equals("UPDATE") ? (resource.equals("pods") ? old : Map.of("spec", Map.of("template", old)))
                    : null;
            inputs.add(new AdmissionInput(op, resource, "", "", ns, "x", i % 5 == 0 ? "admin" : "bob", "", List.of(),
                    i % 2 == 1, object, oldObject, data));
        }
        Tally tally = assertSameAnswers(set, inputs, "shapes");
        assertTrue(tally.violations() > 50, tally.toString());
        assertTrue(tally.patched() > 20, "the inputs should exercise the mutating rules: " + tally);
    }

    @Test
    void theModelHasNoMvelConstraintAndTheSameRulesAsTheDrl() throws IOException {
        CompiledAdmissionSet set = compile(List.of(LIBRARY.resolve("pss/restricted/capabilities_restricted-v1.25.pal"),
                LIBRARY.resolve("pss/baseline/hostPorts-v1.0.pal"), LIBRARY.resolve("runaway-jobs.pal")));
        KieBase kieBase = set.build().kieBase();
        List<String> names = new ArrayList<>();
        int constraints = 0;
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                names.add(rule.getName());
                for (Constraint c : constraints(((RuleImpl) rule).getLhs(), new ArrayList<>())) {
                    assertFalse(c.getClass().getName().toLowerCase().contains("mvel"), c.getClass().getName());
                    constraints++;
                }
            }
        }
        assertTrue(constraints > 10);
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

    /** Plain JSON-like values of a YAML document (snakeyaml's safe constructor: no tags, no types). */
    private static Object yaml(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }
}
