package dev.palisade.cli;

import static dev.palisade.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code check} and custom resources (issue 14 item 5): with the CRD ({@code --schema}, or
 * {@code schemas:} in palisade.yaml) object paths are checked; without it a note says they are
 * not, which neither fails the check nor counts as a warning for {@code --strict}.
 */
class CheckCustomResourceTest {
    private static final Path CRDS = CliTest.ROOT.resolve("engine/src/test/resources/crds");
    private static final String OK = "validate \"min\" on CREATE batchqueues when object.spec.minMember > 100 because \"x\"\n";
    private static final String TYPO = "validate \"min\" on CREATE batchqueues when object.spec.minMembr > 100 because \"x\"\n";

    @TempDir
    Path tmp;

    /** {@code how}: files (check PATH) or config (check -c); {@code crd}: the CRD file to name, or null. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("files, no schema: a note, exit 0", "files", OK, null, false, 0, "note: object paths of rule \"min\" are not checked"),
                Arguments.of("files, no schema, --strict: still exit 0", "files", TYPO, null, true, 0, "note: object paths of rule \"min\""),
                Arguments.of("files, --schema, correct path", "files", OK, "batchqueue.yaml", false, 0, null),
                Arguments.of("files, --schema, misspelt path", "files", TYPO, "batchqueue.yaml", false, 1, "error: unknown field 'minMembr'"),
                Arguments.of("files, --schema of a bad CRD: usage error with its place", "files", OK, "bad-type.yaml", false, 2,
                        "bad-type.yaml:23:25: unknown schema type \"strnig\""),
                Arguments.of("config, no schemas: the note", "config", OK, null, false, 0, "note: object paths of rule \"min\" are not checked"),
                Arguments.of("config, schemas, correct path", "config", OK, "batchqueue.yaml", false, 0, null),
                Arguments.of("config, schemas, misspelt path", "config", TYPO, "batchqueue.yaml", false, 1, "error: unknown field 'minMembr'"),
                Arguments.of("config, schemas of a bad CRD", "config", OK, "bad-type.yaml", false, 1,
                        "bad-type.yaml:23:25: unknown schema type \"strnig\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check_customResourcePaths(String name, String how, String policy, String crd, boolean strict, int exit, String said)
            throws IOException {
        Path file = tmp.resolve("p.pal");
        Files.writeString(file, policy);
        List<String> args = new ArrayList<>(List.of("check"));
        if (strict) {
            args.add("--strict");
        }
        if (how.equals("files")) {
            if (crd != null) {
                args.addAll(List.of("--schema", CRDS.resolve(crd).toString()));
            }
            args.add(file.toString());
        } else {
            if (crd != null) {
                Files.createDirectories(tmp.resolve("crds"));
                Files.copy(CRDS.resolve(crd), tmp.resolve("crds").resolve(crd));
            }
            Files.writeString(tmp.resolve("palisade.yaml"), """
                    apiVersion: palisade.dev/v1alpha1
                    kind: Configuration
                    authorization:
                      authorizers:
                        - type: AlwaysDeny
                    admission:
                      plugins:
                        - type: Policy
                          paths: [p.pal]
                    """ + (crd == null ? "" : "      schemas: [crds/" + crd + "]\n"));
            args.addAll(List.of("-c", tmp.resolve("palisade.yaml").toString()));
        }
        CliTest.Run r = run("", args.toArray(String[]::new));
        assertEquals(exit, r.exit(), r.out() + r.err());
        if (said == null) {
            assertFalse(r.err().contains("note:"), r.err());
            assertFalse(r.err().contains("error:"), r.err());
        } else {
            assertTrue(r.err().contains(said), r.err());
        }
    }
}
