package dev.palisade.engine.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.rbac.load.RbacLoadException;
import dev.palisade.engine.rbac.load.RbacObjectsLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** D11 for the engine's readers: RBAC folders and the paths named in palisade.yaml. */
class FolderLinksTest {
    private static final String SECRET = "AWS_SECRET_ACCESS_KEY=fake-secret-c0ffee";

    @TempDir
    Path dir;

    @Test
    void d11_rbacLinkLeavingTheFolderIsRefusedWithoutQuotingTheTarget() throws IOException {
        Path outside = Files.writeString(dir.resolve("creds.yaml"), "kind: " + SECRET + "\n");
        Path rbac = Files.createDirectories(dir.resolve("rbac"));
        Files.writeString(rbac.resolve("ok.yaml"), "kind: ClusterRole\nmetadata: {name: r}\n");
        Files.createSymbolicLink(rbac.resolve("leak.yaml"), outside);
        RbacLoadException e = assertThrows(RbacLoadException.class, () -> new RbacObjectsLoader().load(List.of(rbac)));
        assertFalse(e.getMessage().contains("fake-secret"), e.getMessage());
        assertTrue(e.getMessage().contains(rbac.resolve("leak.yaml") + ": cannot read: a symbolic link to a file outside rbac/"), e.getMessage());
    }

    @Test
    void d11_configuredPathThroughALinkLeavingTheConfigFolderIsRefused() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/rbac"));
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createSymbolicLink(conf.resolve("rbac"), elsewhere);
        Path f = Files.writeString(conf.resolve("palisade.yaml"), """
                apiVersion: palisade.dev/v1alpha1
                kind: Configuration
                authorization:
                  authorizers:
                    - type: RBAC
                      paths: [rbac]
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        assertTrue(e.getMessage().startsWith(f + ":6:15: path \"rbac\": a symbolic link to a folder outside conf/"), e.getMessage());
    }

    @Test
    void d11_configuredPathWrittenOutsideTheFolderOnPurposeIsAllowed() throws IOException {
        Files.createDirectories(dir.resolve("shared/rbac"));
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path f = Files.writeString(conf.resolve("palisade.yaml"), """
                apiVersion: palisade.dev/v1alpha1
                kind: Configuration
                authorization:
                  authorizers:
                    - type: RBAC
                      paths: [../shared/rbac]
                """);
        assertTrue(ConfigLoader.load(f).authorizers().get(0).paths().get(0).endsWith("shared/rbac"));
    }
}
