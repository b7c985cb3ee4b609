package dev.palisade.engine.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.load.PolicyLoader;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.PolicyException;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.PolicyAdmissionPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A rule configured where it can never run is an error naming it, never silently ignored. */
class PolicyStageTest {
    static final String AUTHZ = "allow \"a\" when verb == \"get\"\n";
    static final String AUTHN = "reject \"r\" when authn.method == \"token\"\n";
    static final String ADMISSION = "validate \"v\" on CREATE pods\n  when object.spec.hostNetwork == true\n";

    @TempDir
    Path dir;

    private List<PolicyFile> load(String text) throws Exception {
        Path f = dir.resolve("p.pal");
        Files.writeString(f, text);
        return PolicyLoader.load(List.of(f)).orThrow().files();
    }

    static Stream<Arguments> misplaced() {
        return Stream.of(
                Arguments.of("admission rule in an authorization set", PolicyStage.AUTHORIZATION, AUTHZ + ADMISSION,
                        "p.pal:2:1: authorization policies hold only 'allow' and 'deny' rules; this validate rule would never run here"),
                Arguments.of("reject rule in an authorization set", PolicyStage.AUTHORIZATION, AUTHZ + AUTHN,
                        "p.pal:2:1: authorization policies hold only 'allow' and 'deny' rules; this reject rule would never run here"),
                Arguments.of("allow rule in an admission set", PolicyStage.ADMISSION, ADMISSION + AUTHZ,
                        "p.pal:3:1: admission policies hold only 'validate' and 'mutate' rules; this allow rule would never run here"),
                Arguments.of("allow rule in an authentication set", PolicyStage.AUTHENTICATION, AUTHN + AUTHZ,
                        "p.pal:2:1: authentication policies hold only 'reject' rules; this allow rule would never run here"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misplaced")
    void misplacedRulesAreErrorsWithTheirPlace(String name, PolicyStage stage, String text, String expected) throws Exception {
        List<PolicyFile> files = load(text);
        PolicyException e = assertThrows(PolicyException.class, () -> stage.requireOwnRules(files));
        assertEquals(1, e.diagnostics().size(), e.render());
        Diagnostic d = e.diagnostics().get(0);
        assertTrue(d.toString().endsWith(expected), d.toString());
    }

    @Test
    void ownRulesPass() throws Exception {
        assertDoesNotThrow(() -> PolicyStage.AUTHORIZATION.requireOwnRules(load(AUTHZ)));
        assertDoesNotThrow(() -> PolicyStage.AUTHENTICATION.requireOwnRules(load(AUTHN)));
        assertDoesNotThrow(() -> PolicyStage.ADMISSION.requireOwnRules(load(ADMISSION)));
    }

    @Test
    void theEngineRefusesAPolicyAuthorizerWithAdmissionRules() throws Exception {
        Path f = dir.resolve("mixed.pal");
        Files.writeString(f, AUTHZ + ADMISSION);
        assertThrows(PolicyException.class, () -> PolicyEngine.compilePolicies("p", List.of(f)));
        assertThrows(PolicyException.class, () -> PolicyAdmissionPlugin.fromPaths("a", List.of(f)));
    }
}
