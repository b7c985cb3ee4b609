package dev.palisade.dsl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.dsl.parse.ParseResult;
import dev.palisade.dsl.parse.PolicyParser;
import dev.palisade.dsl.source.Diagnostic;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Admission paths and comparisons against the Kubernetes schema (issue 14, "silently accepted"):
 * each rule and the checker's verdict, {@code "ok"} or its only error as {@code line:col message}
 * plus the help line. Every "bad" case compiled without a word before the schema pass.
 */
class SchemaPassTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                ok("a declared path", "validate \"r\" on CREATE pods for each c in object.spec.containers when c.securityContext.privileged == true"),
                ok("a path any named resource declares", "validate \"r\" on CREATE deployments, pods when object.spec.replicas > 3"),
                ok("a map key", "validate \"r\" on CREATE pods when object.metadata.labels[\"app\"] == \"web\""),
                ok("int-or-string takes both", "validate \"r\" on CREATE pods for each c in object.spec.containers when any p in c.ports: p.hostPort > 0 and c.livenessProbe.httpGet.port == \"http\""),
                ok("a quantity compared with a string", "validate \"r\" on CREATE pods for each c in object.spec.containers when c.resources.limits[\"cpu\"] == \"500m\""),
                bad("a custom resource is not checked: a note says so and how to supply its schema",
                        "validate \"r\" on CREATE widgets when object.spec.anything == 3",
                        "1:24 object paths of rule \"r\" are not checked: no schema is known for 'widgets'",
                        "for a custom resource, name its CRD file under the admission plugin's 'schemas:' in palisade.yaml"
                                + " and run 'palisade check -c palisade.yaml', or pass 'palisade check --schema CRD.yaml'"),
                ok("data is not checked", "validate \"r\" on CREATE pods when any g in data.podgroups: g.spec.whatever == 1"),
                ok("a map iterated as key and value", "validate \"r\" on CREATE pods when any a in object.metadata.annotations: (a.key startsWith \"x\" and a.value == \"y\")"),
                ok("free-form fields are any", "validate \"r\" on CREATE customresourcedefinitions when object.spec.versions[0].schema.openAPIV3Schema.properties.foo.type == \"x\""),
                bad("a misspelt field never fires", "validate \"r\" on CREATE pods for each c in object.spec.containers when c.securityContex.privileged == true",
                        "1:71 unknown field 'securityContex' in 'c' (api.core.v1.Container): 'c.securityContex.privileged' is never present",
                        "did you mean 'securityContext'?"),
                bad("an integer compared with a string", "validate \"r\" on CREATE pods for each c in object.spec.containers when c.securityContext.runAsUser == \"0\"",
                        "1:99 'c.securityContext.runAsUser' is an integer: it never equals the string \"0\"",
                        "write the number without quotes: 0"),
                bad("a boolean compared with a string", "validate \"r\" on CREATE pods when object.spec.hostNetwork == \"yes\"",
                        "1:58 'object.spec.hostNetwork' is a boolean: it never equals the string \"yes\"", null),
                bad("a string ordered against a number", "validate \"r\" on CREATE pods for each c in object.spec.containers when c.name > 5",
                        "1:78 '>' compares numbers, and 'c.name' is a string",
                        "compare strings with ==, in, startsWith, endsWith or matches"),
                bad("a string compared with a number", "validate \"r\" on CREATE pods when object.metadata.name != 5",
                        "1:55 'object.metadata.name' is a string: it always differs from the number 5", "write it as a string: \"5\""),
                bad("a list element of the wrong type", "validate \"r\" on CREATE pods when object.spec.nodeName in [\"a\", 5]",
                        "1:64 'object.spec.nodeName' is a string: it never equals the number 5", "write it as a string: \"5\""),
                bad("a non-boolean as a condition", "validate \"r\" on CREATE pods when object.spec.nodeName",
                        "1:34 'object.spec.nodeName' is a string, not true or false", "compare it, e.g. object.spec.nodeName == ..."),
                bad("a list indexed by a key (remove by value)", "mutate \"r\" on CREATE pods for each c in object.spec.containers remove c.securityContext.capabilities.add[\"NET_ADMIN\"]",
                        "1:71 'c.securityContext.capabilities.add' is a list: \"NET_ADMIN\" cannot select an element",
                        "to remove by value: remove x in c.securityContext.capabilities.add where x == \"NET_ADMIN\""),
                bad("a list indexed by a key in a condition", "validate \"r\" on CREATE pods for each c in object.spec.containers when c.securityContext.capabilities.add[\"NET_ADMIN\"] exists",
                        "1:71 'c.securityContext.capabilities.add' is a list: \"NET_ADMIN\" cannot select an element",
                        "index it (c.securityContext.capabilities.add[0]), iterate over it (any x in c.securityContext.capabilities.add: x == \"NET_ADMIN\"), "
                                + "or test it (c.securityContext.capabilities.add contains \"NET_ADMIN\")"),
                bad("a field below a string", "validate \"r\" on CREATE pods when object.spec.nodeName.first == \"a\"",
                        "1:34 'object.spec.nodeName' is a string and has no field 'first'", null),
                bad("iterating over a string", "validate \"r\" on CREATE pods when any x in object.spec.nodeName: x == \"a\"",
                        "1:43 cannot iterate over 'object.spec.nodeName': it is a string", "iterate over a list such as object.spec.containers"),
                bad("a misspelt path in a message", "validate \"r\" on CREATE pods for each c in object.spec.containers when c.name == \"a\" because \"bad {c.nmae}\"",
                        "1:93 unknown field 'nmae' in 'c' (api.core.v1.Container): 'c.nmae' is never present", "did you mean 'name'?"),
                bad("a boolean set to a string", "mutate \"r\" on CREATE pods set object.spec.securityContext.runAsNonRoot = \"true\"",
                        "1:74 'object.spec.securityContext.runAsNonRoot' is a boolean: it cannot be set to the string \"true\"",
                        "write true without quotes"),
                bad("add to a scalar", "mutate \"r\" on CREATE pods add object.spec.hostNetwork = true",
                        "1:31 cannot add to 'object.spec.hostNetwork': it is a boolean", "'add' appends to a list; to write a value use 'set'"),
                bad("a number added to a list of strings", "mutate \"r\" on CREATE pods for each c in object.spec.containers add c.securityContext.capabilities.drop = 7",
                        "1:106 'c.securityContext.capabilities.drop[]' is a string: it cannot hold the number 7", "write it as a string: \"7\""));
    }

    private static Arguments ok(String name, String rule) {
        return Arguments.of(Named.of(name, rule), "ok", null);
    }

    private static Arguments bad(String name, String rule, String expected, String help) {
        return Arguments.of(Named.of(name, rule), expected, help);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule_givesExpectedVerdict(String rule, String expected, String help) {
        ParseResult parsed = PolicyParser.parse("t.pal", rule);
        assertEquals(List.of(), parsed.diagnostics(), "test input must parse");

        List<Diagnostic> errors = PolicyChecker.check(List.of(parsed.file()));

        if (expected.equals("ok")) {
            assertEquals(List.of(), errors);
            return;
        }
        assertEquals(1, errors.size(), errors::toString);
        Diagnostic error = errors.get(0);
        assertEquals(expected, error.span().line() + ":" + error.span().column() + " " + error.message());
        assertEquals(help, error.help());
    }
}
