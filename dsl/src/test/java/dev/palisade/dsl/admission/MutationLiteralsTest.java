package dev.palisade.dsl.admission;

import static dev.palisade.dsl.admission.AdmissionProgramTest.container;
import static dev.palisade.dsl.admission.AdmissionProgramTest.create;
import static dev.palisade.dsl.admission.AdmissionProgramTest.pod;
import static dev.palisade.dsl.admission.AdmissionProgramTest.program;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.dsl.check.PolicyChecker;
import dev.palisade.dsl.parse.ParseResult;
import dev.palisade.dsl.parse.PolicyParser;
import dev.palisade.dsl.source.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Object, list and boolean values in mutations, and remove by value (issue 14, found 10). Every
 * produced patch is applied with zjsonpatch and must give the object the rules left.
 */
class MutationLiteralsTest {
    private static AdmissionResult mutate(String policy, Map<String, Object> object) {
        AdmissionResult r = program(policy).evaluate(create("pods", object));
        assertEquals(r.object(), JsonPatchApplier.apply(object, r.patch()), "the patch gives the mutated object");
        return r;
    }

    @SuppressWarnings("unchecked")
    private static Object at(Object o, Object... path) {
        for (Object p : path) {
            o = p instanceof Integer i ? ((List<Object>) o).get(i) : ((Map<String, Object>) o).get(p);
        }
        return o;
    }

    /**
     * The rules' reads are memoised while the session runs; an edit must read the object as the
     * rule's earlier edits left it, not as the condition saw it.
     */
    @Test
    void aLaterEditReadsWhatAnEarlierEditOfTheSameRuleSet() {
        AdmissionResult r = mutate("""
                mutate "copy-label" on CREATE pods
                  when object.metadata.labels.team is absent
                  set object.metadata.labels.team = "platform"
                  set object.metadata.annotations.owner = object.metadata.labels.team
                """, pod(container("app", null)));
        assertEquals("platform", at(r.object(), "metadata", "labels", "team"));
        assertEquals("platform", at(r.object(), "metadata", "annotations", "owner"));
    }

    @Test
    void addAnObjectToAList() {
        AdmissionResult r = mutate("""
                mutate "port-range" on CREATE pods
                  add object.spec.securityContext.sysctls = {"name": "net.ipv4.ip_local_port_range", "value": "1024 65535"}
                """, pod(container("app", null)));
        assertEquals(List.of(Map.of("name", "net.ipv4.ip_local_port_range", "value", "1024 65535")),
                at(r.object(), "spec", "securityContext", "sysctls"));
    }

    @Test
    void setAnObjectWithNestedListsAndBooleans_perContainer_withAPathInside() {
        AdmissionResult r = mutate("""
                mutate "harden" on CREATE pods
                  for each c in object.spec.containers
                  set c.securityContext = {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]},
                                           "seLinuxOptions": {"type": "container_t", "user": c.name}}
                """, pod(container("app", null)));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("allowPrivilegeEscalation", false);
        expected.put("capabilities", Map.of("drop", List.of("ALL")));
        expected.put("seLinuxOptions", Map.of("type", "container_t", "user", "app"));
        assertEquals(expected, at(r.object(), "spec", "containers", 0, "securityContext"));
    }

    @Test
    void removeByValue_removesExactlyTheMatchingElements() {
        Map<String, Object> sc = new LinkedHashMap<>();
        sc.put("capabilities", new LinkedHashMap<>(Map.of("add", new ArrayList<>(List.of("NET_ADMIN", "CHOWN", "NET_ADMIN", "SYS_TIME")))));
        AdmissionResult r = mutate("""
                mutate "no-net-admin" on CREATE pods
                  for each c in object.spec.containers
                  remove cap in c.securityContext.capabilities.add where cap == "NET_ADMIN" or cap == "SYS_TIME"
                """, pod(container("app", sc)));
        assertEquals(List.of("CHOWN"), at(r.object(), "spec", "containers", 0, "securityContext", "capabilities", "add"));
        assertEquals(List.of("/spec/containers/0/securityContext/capabilities/add/3", "/spec/containers/0/securityContext/capabilities/add/2",
                "/spec/containers/0/securityContext/capabilities/add/0"), r.patch().stream().map(PatchOp::path).toList());
    }

    @Test
    void removeByPredicate_overAMap_removesTheEntries() {
        Map<String, Object> p = pod(container("app", null));
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) p.get("metadata");
        metadata.put("labels", new LinkedHashMap<>(Map.of("app", "web", "tmp-build", "1")));
        AdmissionResult r = mutate("""
                mutate "drop-tmp-labels" on CREATE pods
                  remove l in object.metadata.labels where l.key startsWith "tmp-"
                """, p);
        assertEquals(Map.of("app", "web"), at(r.object(), "metadata", "labels"));
    }

    @Test
    void checker_typesObjectLiteralsAgainstTheSchema() {
        assertEquals(List.of("2:46 unknown field 'nmae' in an object for 'object.spec.securityContext.sysctls[]' (an object (api.core.v1.Sysctl))"),
                errors("mutate \"m\" on CREATE pods\n  add object.spec.securityContext.sysctls = {\"nmae\": \"a\", \"value\": \"1\"}"));
        assertEquals(List.of("2:33 'object.spec.hostNetwork' is a boolean: it cannot be set to an object"),
                errors("mutate \"m\" on CREATE pods\n  set object.spec.hostNetwork = {\"a\": 1}"));
        assertEquals(List.of("2:54 'object.spec.securityContext.runAsNonRoot' is a boolean: it cannot be set to the string \"yes\""),
                errors("mutate \"m\" on CREATE pods\n  set object.spec.securityContext = {\"runAsNonRoot\": \"yes\"}"));
        assertEquals(List.of("3:10 'c.securityContext.capabilities.add' is a list: \"NET_ADMIN\" cannot select an element"),
                errors("mutate \"m\" on CREATE pods\n  for each c in object.spec.containers\n  remove c.securityContext.capabilities.add[\"NET_ADMIN\"]"));
    }

    private static List<String> errors(String text) {
        ParseResult parsed = PolicyParser.parse("t.pal", text);
        List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
        if (parsed.diagnostics().isEmpty()) {
            all.addAll(PolicyChecker.check(List.of(parsed.file())));
        }
        return all.stream().map(d -> d.span().line() + ":" + d.span().column() + " " + d.message()).toList();
    }
}
