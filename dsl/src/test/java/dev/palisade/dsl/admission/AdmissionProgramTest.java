package dev.palisade.dsl.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.check.PolicyChecker;
import dev.palisade.dsl.model.DrlWriter;
import dev.palisade.dsl.parse.ParseResult;
import dev.palisade.dsl.parse.PolicyParser;
import dev.palisade.dsl.source.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmissionProgramTest {

    static AdmissionProgram program(String text) {
        ParseResult parsed = PolicyParser.parse("t.pal", text);
        assertEquals(List.of(), parsed.diagnostics());
        List<Diagnostic> errors = PolicyChecker.check(List.of(parsed.file()));
        assertEquals(List.of(), errors);
        return AdmissionCompiler.compile(List.of(parsed.file())).build();
    }

    static Map<String, Object> pod(Map<String, Object>... containers) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("containers", new ArrayList<>(List.of(containers)));
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("metadata", new LinkedHashMap<>(Map.of("name", "p")));
        pod.put("spec", spec);
        return pod;
    }

    static Map<String, Object> container(String name, Map<String, Object> sc) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        if (sc != null) {
            c.put("securityContext", new LinkedHashMap<>(sc));
        }
        return c;
    }

    static AdmissionInput create(String resource, Object object) {
        return new AdmissionInput("CREATE", resource, "", "", "default", "p", "alice", "", List.of(), false,
                object, null, Map.of());
    }

    private static final String PRIVILEGED = """
            package sec
            validate "no-privileged" on CREATE, UPDATE pods
              for each c in object.spec.containers, object.spec.initContainers
              deny when c.securityContext.privileged == true
              because "container {c.name} must not be privileged"
            """;

    @Test
    void validate_forEach_reportsEveryViolatingContainerWithItsField() {
        AdmissionProgram p = program(PRIVILEGED);
        AdmissionResult r = p.evaluate(create("pods", pod(
                container("a", Map.of("privileged", true)),
                container("b", Map.of("privileged", false)),
                container("c", Map.of("privileged", true)))));
        assertEquals(List.of("container a must not be privileged", "container c must not be privileged"),
                r.violations().stream().map(Violation::message).toList());
        assertEquals(List.of("spec.containers[0]", "spec.containers[2]"),
                r.violations().stream().map(Violation::field).toList());
        assertEquals("sec/no-privileged", r.violations().get(0).rule().id());
        assertEquals("t.pal:2:1", r.violations().get(0).rule().location());
    }

    @Test
    void validate_otherOperationOrResource_doesNotApply() {
        AdmissionProgram p = program(PRIVILEGED);
        Map<String, Object> bad = pod(container("a", Map.of("privileged", true)));
        assertTrue(p.evaluate(create("services", bad)).violations().isEmpty());
        AdmissionInput delete = new AdmissionInput("DELETE", "pods", "", "", "", "", "", "", List.of(), false, bad, null, Map.of());
        assertTrue(p.evaluate(delete).violations().isEmpty());
    }

    @Test
    void validate_podTemplateInDeployment_checkedLikeAPodWithPathIntoTemplate() {
        AdmissionProgram p = program(PRIVILEGED);
        Map<String, Object> deployment = Map.of("spec", Map.of("template",
                pod(container("x", Map.of("privileged", true)))));
        AdmissionResult r = p.evaluate(create("deployments", deployment));
        assertEquals(1, r.violations().size());
        assertEquals("spec.template.spec.containers[0]", r.violations().get(0).field());
    }

    @Test
    void quantifiers_presenceNumbersAndMaps() {
        AdmissionProgram p = program("""
                validate "host-ports" on CREATE pods
                  for each c in object.spec.containers
                  when any port in c.ports: port.hostPort > 0
                  because "{c.name} uses a host port"
                validate "all-non-root" on CREATE pods
                  warn when not all c in object.spec.containers: (c.securityContext.runAsNonRoot == true)
                  because "some container may run as root"
                validate "needs-label" on CREATE pods
                  audit when object.metadata.labels["app.kubernetes.io/name"] is absent
                validate "bad-annotation" on CREATE pods
                  when any a in object.metadata.annotations: (a.key startsWith "x/" and a.value == "on")
                  because "annotation set"
                """);
        Map<String, Object> c = container("web", Map.of("runAsNonRoot", true));
        c.put("ports", List.of(Map.of("containerPort", 80), Map.of("hostPort", 8080)));
        Map<String, Object> obj = pod(c, container("side", null));
        ((Map<String, Object>) obj.get("metadata")).put("annotations", Map.of("x/y", "on"));
        AdmissionResult r = p.evaluate(create("pods", obj));
        assertEquals(List.of("web uses a host port", "some container may run as root", "denied by needs-label",
                        "annotation set"),
                r.violations().stream().map(Violation::message).toList().stream()
                        .map(m -> m.replace("flagged by", "denied by")).toList());
    }

    @Test
    void mutate_inOrder_eachSeesThePrevious_andPatchReproducesTheObject() {
        AdmissionProgram p = program("""
                mutate "default-non-root" on CREATE pods
                  when object.spec.securityContext.runAsNonRoot is absent
                  set object.spec.securityContext.runAsNonRoot = true
                mutate "label-after" on CREATE pods
                  when object.spec.securityContext.runAsNonRoot == true
                  set object.metadata.labels["hardened"] = "yes"
                mutate "drop-all" on CREATE pods
                  for each c in object.spec.containers
                  add c.securityContext.capabilities.drop = "ALL"
                  remove c.securityContext.privileged
                validate "non-root" on CREATE pods
                  when object.spec.securityContext.runAsNonRoot != true
                """);
        Map<String, Object> original = pod(container("a", Map.of("privileged", true)));
        String before = original.toString();
        AdmissionResult r = p.evaluate(create("pods", original));
        assertEquals(before, original.toString(), "the input object is never changed");
        assertTrue(r.violations().isEmpty(), r.violations().toString());
        assertEquals(List.of("default-non-root", "label-after", "drop-all"),
                r.mutatedBy().stream().map(AdmissionRuleInfo::id).toList());
        assertEquals(List.of(
                new PatchOp("add", "/spec/securityContext", Map.of("runAsNonRoot", true)),
                new PatchOp("add", "/metadata/labels", Map.of("hardened", "yes")),
                new PatchOp("add", "/spec/containers/0/securityContext/capabilities", Map.of("drop", List.of("ALL"))),
                new PatchOp("remove", "/spec/containers/0/securityContext/privileged", null)), r.patch());
        Object patched = JsonPatchApplier.apply(JsonValues.deepCopy(original), r.patch());
        assertEquals(r.object(), patched);
    }

    @Test
    void negativeNumbers_compareAsNumbers() {
        AdmissionProgram p = program("""
                validate "oom-score" on CREATE pods
                  for each c in object.spec.containers
                  when c.securityContext.runAsUser < -1 or c.securityContext.runAsGroup in [-5, -7]
                  because "{c.name} has a negative id"
                """);
        AdmissionResult r = p.evaluate(create("pods", pod(
                container("minus-two", Map.of("runAsUser", -2)),
                container("minus-one", Map.of("runAsUser", -1)),
                container("zero", Map.of("runAsUser", 0)),
                container("group", Map.of("runAsGroup", -7)))));
        assertEquals(List.of("minus-two has a negative id", "group has a negative id"),
                r.violations().stream().map(Violation::message).toList());
    }

    @Test
    void d6_matchesAListOfGlobs_inAdmission() {
        AdmissionProgram p = program("""
                validate "registries" on CREATE pods
                  for each c in object.spec.containers
                  when not (c.image matches ["registry.example.com/*", "mirror.example.com/*"])
                  because "{c.name} pulls from an unknown registry"
                """);
        AdmissionResult r = p.evaluate(create("pods", pod(
                Map.of("name", "a", "image", "registry.example.com/app:1"),
                Map.of("name", "b", "image", "mirror.example.com/lib:2"),
                Map.of("name", "c", "image", "docker.io/evil:latest"))));
        assertEquals(List.of("c pulls from an unknown registry"), r.violations().stream().map(Violation::message).toList());
    }

    @Test
    void negativeListIndex_isAPositionedError() {
        ParseResult parsed = PolicyParser.parse("t.pal", """
                validate "x" on CREATE pods
                  when object.spec.containers[-1].name == "a"
                """);
        assertEquals(List.of("2:31 list index must not be negative"), parsed.diagnostics().stream()
                .map(d -> d.span().line() + ":" + d.span().column() + " " + d.message()).toList());
    }

    @Test
    void checker_reportsUnknownNamesOperationsAndTypes() {
        ParseResult parsed = PolicyParser.parse("t.pal", """
                validate "x" on CREAT pods
                  for each c in object.spec.containers
                  when d.name == "a" or c.ports < "8" or objcet.spec exists
                mutate "m" on CREATE pods
                  set oldObject.spec.x = 1
                """);
        assertEquals(List.of(), parsed.diagnostics());
        List<String> errors = PolicyChecker.check(List.of(parsed.file())).stream()
                .map(d -> d.span().line() + ":" + d.span().column() + " " + d.message()).toList();
        assertEquals(List.of(
                "1:17 unknown operation 'CREAT'",
                "3:8 unknown name 'd'",
                "3:33 '<' compares numbers",
                "3:42 unknown name 'objcet'",
                "5:7 cannot change 'oldObject.spec.x'"), errors);
    }

    @Test
    void compiledDrl_holdsNoPolicyOrObjectText() {
        String evil = "\\\"); System.exit(1); //";
        ParseResult parsed = PolicyParser.parse("t.pal", """
                validate "%s" on CREATE pods
                  for each c in object.spec.containers
                  when c.image == "%s" and namespace == "%s" and any e in c.env: e.name matches "%s*"
                  because "%s {c.name}"
                """.formatted(evil, evil, evil, evil, evil));
        assertEquals(List.of(), parsed.diagnostics());
        CompiledAdmissionSet set = AdmissionCompiler.compile(List.of(parsed.file()));
        assertFalse(DrlWriter.drl(set.plan()).contains("exit"), DrlWriter.drl(set.plan()));
        assertFalse(DrlWriter.drl(set.plan()).contains("image"), DrlWriter.drl(set.plan()));
        assertFalse(DrlWriter.drl(set.plan()).contains("containers"), DrlWriter.drl(set.plan()));
        set.build(); // and it builds
    }
}
