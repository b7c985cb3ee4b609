package dev.palisade.dsl.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.palisade.dsl.admission.AdmissionCompiler;
import dev.palisade.dsl.admission.AdmissionInput;
import dev.palisade.dsl.admission.AdmissionProgram;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.check.PolicyChecker;
import dev.palisade.dsl.parse.ParseResult;
import dev.palisade.dsl.parse.PolicyParser;
import dev.palisade.dsl.source.PolicyException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One policy, instantiated several times with different values and matches (issue 14, found 4). */
class ParamsTest {
    private static final String CAPS = """
            package psp
            param allowedCapabilities: list of string = []
            param maxAdded: number = 2

            validate "allowed-capabilities" on CREATE, UPDATE pods
              for each c in object.spec.containers
              when any cap in c.securityContext.capabilities.add: cap not in params.allowedCapabilities
              because "container {c.name} adds {cap}; allowed: {params.allowedCapabilities}"

            validate "few-capabilities" on CREATE pods
              for each c in object.spec.containers
              when count(c.securityContext.capabilities.add) > params.maxAdded
              because "container {c.name} adds more than {params.maxAdded} capabilities"
            """;

    private static PolicyFile parse(String text) {
        ParseResult parsed = PolicyParser.parse("caps.pal", text);
        assertEquals(List.of(), parsed.diagnostics());
        assertEquals(List.of(), PolicyChecker.check(List.of(parsed.file())));
        return parsed.file();
    }

    private static AdmissionInput create(String namespace, Object object) {
        return new AdmissionInput("CREATE", "pods", "", "", namespace, "p", "alice", "", List.of(), false, object, null, Map.of());
    }

    private static Map<String, Object> pod(String namespace, String... caps) {
        Map<String, Object> sc = new LinkedHashMap<>(Map.of("capabilities", Map.of("add", List.of(caps))));
        return Map.of("metadata", Map.of("name", "p", "namespace", namespace),
                "spec", Map.of("containers", List.of(Map.of("name", "app", "securityContext", sc))));
    }

    private static List<String> violations(AdmissionProgram p, String namespace, String... caps) {
        return p.evaluate(create(namespace, pod(namespace, caps))).violations().stream()
                .map(v -> v.rule().id() + ": " + v.message()).toList();
    }

    private static PolicyInstance instance(String name, Map<String, Object> values, PolicyInstance.Match match) {
        Map<String, PolicyInstance.Value> v = new LinkedHashMap<>();
        values.forEach((k, x) -> v.put(k, new PolicyInstance.Value(x, "palisade.yaml:9:9")));
        return new PolicyInstance(name, v, match, "palisade.yaml:8:7");
    }

    @Test
    void defaults_applyWithoutInstances() {
        AdmissionProgram p = AdmissionCompiler.compile(List.of(parse(CAPS))).build();
        assertEquals(List.of("psp/allowed-capabilities: container app adds NET_ADMIN; allowed: "), violations(p, "dev", "NET_ADMIN"));
    }

    @Test
    void twoInstances_ownValuesOwnMatches_ruleIdsNameTheInstance() {
        PolicyInstance.Match prod = new PolicyInstance.Match(List.of("prod"), List.of(), List.of(), List.of(), Map.of());
        PolicyInstance.Match notProd = new PolicyInstance.Match(List.of(), List.of("prod"), List.of(), List.of(), Map.of());
        List<PolicyFile> files = Instantiation.instantiate(List.of(parse(CAPS)), List.of(
                instance("strict", Map.of("maxAdded", 0), prod),
                instance("relaxed", Map.of("allowedCapabilities", List.of("NET_ADMIN", "NET_RAW")), notProd)));
        assertEquals(List.of(), PolicyChecker.check(files));
        AdmissionProgram p = AdmissionCompiler.compile(files).build();
        assertEquals(List.of("psp/allowed-capabilities@strict: container app adds NET_ADMIN; allowed: ",
                "psp/few-capabilities@strict: container app adds more than 0 capabilities"), violations(p, "prod", "NET_ADMIN"));
        assertEquals(List.of(), violations(p, "dev", "NET_ADMIN", "NET_RAW"));
        assertEquals(List.of("psp/allowed-capabilities@relaxed: container app adds SYS_ADMIN; allowed: NET_ADMIN, NET_RAW",
                "psp/few-capabilities@relaxed: container app adds more than 2 capabilities"),
                violations(p, "dev", "NET_ADMIN", "NET_RAW", "SYS_ADMIN"));
    }

    @Test
    void instanceValues_ofTheWrongType_orUndeclared_areErrorsWithTheirPlace() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("maxAdded", "two");
        values.put("allowedCaps", List.of());
        Instantiation.InstanceException e = assertThrows(Instantiation.InstanceException.class, () ->
                Instantiation.instantiate(List.of(parse(CAPS)), List.of(instance("x", values, PolicyInstance.Match.ANY))));
        assertEquals(List.of("palisade.yaml:9:9: instance \"x\" gives parameter \"allowedCaps\", which no policy of the plugin declares"
                        + " (declared: allowedCapabilities, maxAdded)",
                "palisade.yaml:9:9: parameter \"maxAdded\" of instance \"x\" must be number, got a string"), e.problems());
    }

    @Test
    void checker_knowsTheDeclarationsAndTheirTypes() {
        ParseResult parsed = PolicyParser.parse("t.pal", """
                param allowed: list of string = ["a"]
                param limit: number = "3"
                param user: string = "0"
                validate "r" on CREATE pods for each c in object.spec.containers
                  when c.name not in params.alowed and count(c.ports) > params.limit
                validate "s" on CREATE pods for each c in object.spec.containers
                  when c.securityContext.runAsUser == params.user
                """);
        assertEquals(List.of(), parsed.diagnostics());
        assertEquals(List.of("2:23 the default of 'limit' is a string, not number", "5:22 unknown parameter 'alowed'",
                        "7:36 'c.securityContext.runAsUser' is an integer and 'params.user' is a string: they are never equal"),
                PolicyChecker.check(List.of(parsed.file())).stream()
                        .map(d -> d.span().line() + ":" + d.span().column() + " " + d.message()).toList());
    }

    @Test
    void aParameterWithoutDefault_needsAnInstance() {
        PolicyFile f = parse("param image: string\nvalidate \"r\" on CREATE pods for each c in object.spec.containers when c.image == params.image");
        PolicyException e = assertThrows(PolicyException.class, () -> AdmissionCompiler.compile(List.of(f)));
        assertEquals("parameter 'image' has no default", e.diagnostics().get(0).message());
        List<PolicyFile> files = Instantiation.instantiate(List.of(f), List.of(instance("i", Map.of("image", "nginx"), PolicyInstance.Match.ANY)));
        assertEquals(1, AdmissionCompiler.compile(files).build().evaluate(create("ns",
                Map.of("spec", Map.of("containers", List.of(Map.of("name", "a", "image", "nginx")))))).violations().size());
    }
}
