package dev.palisade.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authn.AuthenticationResult;
import dev.palisade.engine.authn.Credentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code authentication.policies: {paths: [...]}}: read strictly, compiled with the engine, wired into authenticate. */
class AuthenticationPoliciesConfigTest {
    @TempDir
    Path dir;

    private Path config(String authentication) throws IOException {
        Files.writeString(dir.resolve("tokens.csv"), "tok-root,root,1,system:masters\ntok-alice,alice,2,dev\n");
        Files.createDirectories(dir.resolve("authn"));
        Files.writeString(dir.resolve("authn/masters.pal"), """
                package cluster.authn
                reject "masters-need-client-certs"
                  when "system:masters" in user.groups and authn.method != "x509"
                  because "members of system:masters must authenticate with a client certificate"
                """);
        Path f = dir.resolve("palisade.yaml");
        Files.writeString(f, "apiVersion: palisade.dev/v1alpha1\nkind: Configuration\n" + authentication
                + "authorization:\n  authorizers:\n    - type: AlwaysDeny\n");
        return f;
    }

    @Test
    void policies_areReadAndJudgeAuthenticate() throws IOException {
        Path f = config("""
                authentication:
                  authenticators:
                    - type: TokenFile
                      file: tokens.csv
                  policies:
                    paths: [authn/]
                """);
        assertEquals(List.of(dir.resolve("authn")), ConfigLoader.load(f).authentication().policies().paths());

        PolicyEngine engine = PolicyEngine.fromConfig(f);
        AuthenticationResult root = engine.authenticate(Credentials.bearer("tok-root"));
        AuthenticationResult alice = engine.authenticate(Credentials.bearer("tok-alice"));

        assertFalse(root.authenticated());
        assertTrue(root.reason().contains("rejected by rule \"cluster.authn/masters-need-client-certs\" ("
                + dir.resolve("authn/masters.pal") + ":2:1): members of system:masters"), root.reason());
        assertTrue(alice.authenticated(), alice.reason());
    }

    @Test
    void noPolicies_meansNoJudge() throws IOException {
        Path f = config("authentication:\n  authenticators:\n    - type: TokenFile\n      file: tokens.csv\n");
        assertNull(ConfigLoader.load(f).authentication().policies());
        PolicyEngine engine = PolicyEngine.fromConfig(f);
        assertTrue(engine.authenticate(Credentials.bearer("tok-root")).authenticated());
        assertEquals(List.of("TokenFile"), engine.authenticatorNames());
    }

    @Test
    void anEngineFromTheBuilder_authenticatesNobody() {
        PolicyEngine engine = PolicyEngine.builder().add(dev.palisade.engine.authz.StaticAuthorizer.alwaysDeny()).build();
        assertEquals(List.of(), engine.authenticatorNames());
        assertFalse(engine.authenticate(Credentials.bearer("tok-root")).authenticated());
    }

    @Test
    void badShapes_areReportedWithFileLineColumn() throws IOException {
        Path f = config("""
                authentication:
                  policies:
                    paths: [authn/, missing/]
                    path: x
                """);
        String all = String.join("\n", assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).problems());
        assertTrue(all.contains(f + ":5:21: path \"missing/\" does not exist"), all);
        assertTrue(all.contains(f + ":6:5: unknown field \"path\" in policies"), all);

        for (String body : List.of("  policies: [authn/]\n", "  policies: {}\n", "  policies: {paths: []}\n", "  policies: {paths: authn/}\n")) {
            Path g = config("authentication:\n" + body);
            String msg = String.join("\n", assertThrows(ConfigException.class, () -> ConfigLoader.load(g)).problems());
            assertTrue(msg.startsWith(g + ":4:"), body + " -> " + msg);
        }
    }

    @Test
    void policiesThatDoNotCompile_failTheEngineBuildWithPositions() throws IOException {
        Path f = config("""
                authentication:
                  policies:
                    paths: [authn/]
                """);
        Files.writeString(dir.resolve("authn/typo.pal"), "reject \"t\" when authn.methd == \"token\"\n");
        String all = assertThrows(ConfigException.class, () -> PolicyEngine.fromConfig(f)).getMessage();
        assertTrue(all.contains(f + ":5:5: authentication policies do not compile"), all);
        assertTrue(all.contains(dir.resolve("authn/typo.pal") + ":1:17: error: unknown attribute 'authn.methd'"), all);
    }
}
