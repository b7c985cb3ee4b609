package dev.palisade.dsl.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.source.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** D11: a policy folder's links may not lead out of it, and no file that is not policy text is quoted. */
class PolicyLinksTest {
    private static final String SECRET = "CI_DEPLOY_TOKEN=fake-secret-7f3a9c";

    @TempDir
    Path dir;

    private String rendered(LoadResult result) {
        return result.diagnostics().stream().map(Diagnostic::render).collect(Collectors.joining("\n"));
    }

    @Test
    void d11_linkToAFileOutsideThePolicyFolderIsRefusedWithoutQuotingIt() throws IOException {
        Path outside = Files.writeString(dir.resolve("environ"), SECRET + "\nHOME=/root\n");
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("a.pal"), "allow \"a\" when user.name == \"alex\"\n");
        Files.createSymbolicLink(policies.resolve("env.pal"), outside);

        for (List<Path> roots : List.of(List.of(policies), List.of(policies.resolve("env.pal")))) {
            LoadResult result = PolicyLoader.load(roots);
            String out = rendered(result);
            assertFalse(out.contains("fake-secret") || out.contains("CI_DEPLOY_TOKEN"), out);
            assertEquals(1, result.diagnostics().size(), out);
            assertTrue(out.startsWith(policies.resolve("env.pal") + ":1:1: error: cannot read policy file: a symbolic link to a file outside policies/"), out);
        }
    }

    @Test
    void d11_anImportThroughALinkLeavingTheFolderIsRefused() throws IOException {
        Path outside = Files.writeString(dir.resolve("secret.txt"), SECRET + "\n");
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.createSymbolicLink(policies.resolve("lib.pal"), outside);
        Path main = Files.writeString(policies.resolve("main.pal"), "import \"lib.pal\"\nallow \"main\"\n");
        String out = rendered(PolicyLoader.load(List.of(main)));
        assertFalse(out.contains("fake-secret"), out);
        assertTrue(out.contains("lib.pal:1:1: error: cannot read policy file: a symbolic link to a file outside policies/"), out);
    }

    @Test
    void d11_linkInsideTheFolderIsFollowed() throws IOException {
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Path real = Files.writeString(Files.createDirectories(policies.resolve("shared")).resolve("base.txt"), "allow \"base\"\n");
        Files.createSymbolicLink(policies.resolve("base.pal"), real);
        LoadResult result = PolicyLoader.load(List.of(policies));
        assertEquals(List.of(), result.diagnostics(), rendered(result));
        assertEquals(1, result.files().size());
    }

    @Test
    void d11_aFileThatIsNotPolicyTextIsNeverQuoted() throws IOException {
        // /proc/self/environ is NUL-separated: valid UTF-8, but not text a parser error may quote
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("env.pal"), SECRET + "\0HOME=/root\0");
        String out = rendered(PolicyLoader.load(List.of(policies)));
        assertFalse(out.contains("fake-secret"), out);
        assertTrue(out.contains("env.pal:1:1: error: cannot read policy file: not policy text (control character U+0000 at line 1, column 35)"), out);
    }

    @Test
    void d11_procEnvironThroughALinkNeverReachesTheOutput() throws IOException {
        Path environ = Path.of("/proc/self/environ");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(environ), "no /proc/self/environ on this system");
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.createSymbolicLink(policies.resolve("env.pal"), environ);
        String out = rendered(PolicyLoader.load(List.of(policies)));
        String path = System.getenv("PATH");
        assertFalse(path != null && out.contains(path), out);
        assertTrue(out.contains("symbolic link to a file outside policies/"), out);
    }
}
