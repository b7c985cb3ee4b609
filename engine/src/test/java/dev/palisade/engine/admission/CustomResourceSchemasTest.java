package dev.palisade.engine.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.check.PolicyChecker;
import dev.palisade.dsl.parse.PolicyParser;
import dev.palisade.dsl.schema.KubernetesSchema;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14 item 5, custom resources: a CRD's openAPIV3Schema checks the object paths of rules on
 * its resource; without one the paths are unchecked and {@code check} says so in a note.
 */
class CustomResourceSchemasTest {
    private static final Path CRDS = Path.of("src/test/resources/crds");
    private static final KubernetesSchema WITH_BATCHQUEUES = CustomResourceSchemas.read(List.of(CRDS.resolve("batchqueue.yaml"))).schema();

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("declared integer compared with a number", "when object.spec.minMember > 10", List.of()),
                Arguments.of("misspelt field", "when object.spec.minMembr > 10",
                        List.of("error 2:8 unknown field 'minMembr'")),
                Arguments.of("integer compared with a string", "when object.spec.minMember == \"10\"",
                        List.of("error 2:")),
                Arguments.of("field of another served version (v1alpha1)", "when object.spec.priority == \"high\"", List.of()),
                Arguments.of("field of a version not served (v0)", "when object.spec.ancient == \"x\"",
                        List.of("error 2:8 unknown field 'ancient'")),
                Arguments.of("int-or-string takes both", "when object.spec.scheduleTimeout == \"5m\" or object.spec.scheduleTimeout == 5",
                        List.of()),
                Arguments.of("additionalProperties is a map", "when object.spec.selector[\"team\"] == \"a\"", List.of()),
                Arguments.of("list items are checked", "when any m in object.spec.members: m.nmae == \"a\"",
                        List.of("error 2:38 unknown field 'nmae'")),
                Arguments.of("preserve-unknown-fields is free-form", "when object.spec.extensions.anything.deep == true", List.of()),
                Arguments.of("metadata is ObjectMeta", "when object.metadata.labelz[\"a\"] == \"b\"",
                        List.of("error 2:8 unknown field 'labelz'")),
                Arguments.of("status is declared", "when object.status.phase == \"Running\"", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void crdSchema_checksObjectPaths(String name, String condition, List<String> expected) {
        List<String> got = check("validate \"r\" on CREATE, UPDATE batchqueues\n  " + condition + "\n  because \"x\"", WITH_BATCHQUEUES);
        assertEquals(expected.size(), got.size(), got.toString());
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(got.get(i).startsWith(expected.get(i)), got.get(i) + " should start with " + expected.get(i));
        }
    }

    @Test
    void noSchema_pathsUnchecked_withANoteNotAWarning() {
        List<String> got = check("validate \"r\" on CREATE batchqueues\n  when object.spec.minMembr > 10", KubernetesSchema.builtIn());
        assertEquals(1, got.size(), got.toString());
        assertTrue(got.get(0).startsWith("note 1:24 object paths of rule \"r\" are not checked: no schema is known for 'batchqueues'"),
                got.get(0));
        assertEquals(List.of(), check("validate \"r\" on CREATE batchqueues\n  when operation == \"CREATE\"", KubernetesSchema.builtIn()),
                "a rule that reads no object path has nothing unchecked");
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("unknown type", "bad-type.yaml", "bad-type.yaml:23:25: unknown schema type \"strnig\""),
                Arguments.of("no plural", "no-plural.yaml", "no-plural.yaml:8:5: missing \"plural\""),
                Arguments.of("not a CRD", "not-a-crd.yaml", "not-a-crd.yaml:2:7: expected kind CustomResourceDefinition, got \"ConfigMap\""),
                Arguments.of("not YAML", "broken.yaml", "broken.yaml:"),
                Arguments.of("v1beta1", "v1beta1.yaml", "v1beta1.yaml:1:13: expected apiVersion apiextensions.k8s.io/v1"),
                Arguments.of("missing file", "nothing-here.yaml", "nothing-here.yaml: cannot read CRD file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badCrdFile_isReportedWithItsPlace_andGivesNoSchema(String name, String file, String problem) {
        CustomResourceSchemas.Result r = CustomResourceSchemas.read(List.of(CRDS.resolve(file)));
        assertEquals(1, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).startsWith(CRDS.resolve(file).toString().replace(file, "") + problem), r.problems().get(0));
        assertEquals(java.util.Map.of(), r.byPlural());
    }

    @Test
    void folder_readsEachYamlFile_goodOnesGiveSchemas_badOnesTheirProblems() {
        CustomResourceSchemas.Result r = CustomResourceSchemas.read(List.of(CRDS));
        assertEquals(java.util.Set.of("batchqueues"), r.byPlural().keySet());
        assertEquals(2, r.byPlural().get("batchqueues").size(), "v1 and v1alpha1 are served, v0 is not");
        assertEquals(5, r.problems().size(), r.problems().toString());
    }

    @Test
    void config_schemasOfAPolicyPlugin_checkItsRules(@TempDir Path dir) throws IOException {
        Files.copy(CRDS.resolve("batchqueue.yaml"), dir.resolve("batchqueue.yaml"));
        Files.writeString(dir.resolve("ok.pal"), "validate \"min\" on CREATE batchqueues when object.spec.minMember > 100 because \"too many\"\n");
        Files.writeString(dir.resolve("typo.pal"), "validate \"min\" on CREATE batchqueues when object.spec.minMembr > 100 because \"too many\"\n");
        for (String policy : List.of("ok.pal", "typo.pal")) {
            Path config = dir.resolve(policy + ".yaml");
            Files.writeString(config, """
                    apiVersion: palisade.dev/v1alpha1
                    kind: Configuration
                    authorization:
                      authorizers:
                        - type: AlwaysDeny
                    admission:
                      plugins:
                        - type: Policy
                          paths: [%s]
                          schemas: [batchqueue.yaml]
                    """.formatted(policy));
            if (policy.equals("ok.pal")) {
                try (PolicyEngine engine = PolicyEngine.fromConfig(config)) {
                    assertEquals(List.of(), ((PolicyAdmissionPlugin) engine.admissionPlugins().get(0)).notes());
                }
            } else {
                String problems = assertThrows(ConfigException.class, () -> PolicyEngine.fromConfig(config)).getMessage();
                assertTrue(problems.contains("typo.pal:1:43: error: unknown field 'minMembr'"), problems);
            }
        }
    }

    @Test
    void config_withoutSchemas_pluginCarriesTheNote(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("p.pal"), "validate \"min\" on CREATE batchqueues when object.spec.minMembr > 100 because \"x\"\n");
        Path config = dir.resolve("palisade.yaml");
        Files.writeString(config, """
                apiVersion: palisade.dev/v1alpha1
                kind: Configuration
                authorization:
                  authorizers:
                    - type: AlwaysDeny
                admission:
                  plugins:
                    - type: Policy
                      paths: [p.pal]
                """);
        try (PolicyEngine engine = PolicyEngine.fromConfig(config)) {
            List<Diagnostic> notes = ((PolicyAdmissionPlugin) engine.admissionPlugins().get(0)).notes();
            assertEquals(1, notes.size());
            assertTrue(notes.get(0).render().contains("note: object paths of rule \"min\" are not checked"), notes.get(0).render());
        }
    }

    private static List<String> check(String text, KubernetesSchema schema) {
        var parsed = PolicyParser.parse("t.pal", text).orThrow();
        return PolicyChecker.check(List.of(parsed), schema).stream()
                .map(d -> d.severity().name().toLowerCase(java.util.Locale.ROOT) + " " + d.span().line() + ":" + d.span().column() + " " + d.message())
                .toList();
    }
}
