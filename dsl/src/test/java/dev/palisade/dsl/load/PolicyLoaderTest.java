package dev.palisade.dsl.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.PolicyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {
    @TempDir
    Path dir;

    @Test
    void load_directory_findsPalFilesRecursivelyInSortedOrder() throws IOException {
        write("b.pal", "allow \"b\"");
        write("sub/a.pal", "allow \"sub-a\"");
        write("a.pal", "allow \"a\"");
        write("notes.txt", "not a policy");

        LoadResult result = PolicyLoader.load(List.of(dir));

        assertEquals(List.of(), result.diagnostics());
        assertEquals(List.of(dir.resolve("a.pal").toString(), dir.resolve("b.pal").toString(),
                dir.resolve("sub/a.pal").toString()), paths(result));
    }

    @Test
    void load_imports_resolvedAgainstImporterAndLoadedOnce() throws IOException {
        write("policies/main.pal", "import \"../common/base.pal\"\nimport \"../common/base.pal\"\nallow \"main\"");
        write("common/base.pal", "import \"extra.pal\"\nallow \"base\"");
        write("common/extra.pal", "allow \"extra\"");

        LoadResult result = PolicyLoader.load(List.of(dir.resolve("policies/main.pal"), dir.resolve("common/extra.pal")));

        assertEquals(List.of(), result.diagnostics());
        assertEquals(List.of(dir.resolve("policies/main.pal").toString(), dir.resolve("common/extra.pal").toString(),
                dir.resolve("common/base.pal").toString()), paths(result));
    }

    @Test
    void load_importCycle_loadsEachFileOnce() throws IOException {
        write("a.pal", "import \"b.pal\"\nallow \"a\"");
        write("b.pal", "import \"a.pal\"\nallow \"b\"");

        LoadResult result = PolicyLoader.load(List.of(dir.resolve("a.pal")));

        assertFalse(result.hasErrors());
        assertEquals(2, result.files().size());
    }

    @Test
    void load_missingImport_isReportedAtTheImport() throws IOException {
        write("a.pal", "package p\nimport \"gone.pal\"\nallow \"a\"");

        LoadResult result = PolicyLoader.load(List.of(dir.resolve("a.pal")));

        Diagnostic error = single(result);
        assertEquals(dir.resolve("a.pal") + ":2:1", error.span().location());
        assertEquals("cannot find imported file 'gone.pal'", error.message());
        assertEquals("looked for " + dir.resolve("gone.pal"), error.help());
    }

    @Test
    void load_importOfNonPolicyFile_isRefused() throws IOException {
        write("a.pal", "import \"secret.txt\"");
        write("secret.txt", "password");

        Diagnostic error = single(PolicyLoader.load(List.of(dir.resolve("a.pal"))));

        assertEquals("imported file 'secret.txt' is not a policy file", error.message());
    }

    @Test
    void load_missingRootFile_isADiagnosticAtLineOne() {
        Path missing = dir.resolve("nope.pal");

        Diagnostic error = single(PolicyLoader.load(List.of(missing)));

        assertEquals(missing + ":1:1: cannot read policy file: no such file", error.toString());
        assertTrue(error.render().startsWith(missing + ":1:1: error: cannot read policy file"));
    }

    @Test
    void load_invalidUtf8_isADiagnostic() throws IOException {
        Files.write(dir.resolve("bad.pal"), new byte[] {'a', (byte) 0xff, 'b'});

        Diagnostic error = single(PolicyLoader.load(List.of(dir.resolve("bad.pal"))));

        assertEquals("cannot read policy file: not valid UTF-8", error.message());
    }

    @Test
    void load_byteOrderMark_isIgnored() throws IOException {
        write("bom.pal", "\uFEFFallow \"x\" when verb == \"get\"");

        LoadResult result = PolicyLoader.load(List.of(dir.resolve("bom.pal")));

        assertEquals(List.of(), result.diagnostics());
        assertEquals(1, result.files().get(0).rules().get(0).span().column());
    }

    @Test
    void load_errorsInSeveralFiles_areAllReportedSortedByFile() throws IOException {
        write("b.pal", "package p\nallow \"dup\"\nallow \"typo\" when verb == \"get\" and user.nmae == \"x\"");
        write("a.pal", "package p\nallow \"dup\"\ndeny \"broken\" when");

        LoadResult result = PolicyLoader.load(List.of(dir));

        assertEquals(List.of(
                        "a.pal:2:7: duplicate rule id 'p/dup'",
                        "a.pal:3:19: expected a condition after 'when'",
                        "b.pal:2:7: duplicate rule id 'p/dup'",
                        "b.pal:3:37: unknown attribute 'user.nmae'"),
                result.diagnostics().stream().map(d -> dir.relativize(Path.of(d.span().file().path())) + ":"
                        + d.span().line() + ":" + d.span().column() + ": " + d.message()).toList());
    }

    @Test
    void orThrow_withErrors_throwsEveryDiagnostic() throws IOException {
        write("a.pal", "allow \"x\" when verb\nallow \"x\"");

        LoadResult result = PolicyLoader.load(List.of(dir));

        PolicyException e = assertThrows(PolicyException.class, result::orThrow);
        assertEquals(3, e.diagnostics().size()); // non-boolean test, and the duplicate id twice
    }

    @Test
    void orThrow_clean_returnsTheResult() throws IOException {
        write("a.pal", "allow \"x\"");

        LoadResult result = PolicyLoader.load(List.of(dir));

        assertSame(result, result.orThrow());
    }

    @Test
    void load_sameFileTwiceThroughDifferentSpellings_loadsOnce() throws IOException {
        write("sub/a.pal", "allow \"x\"");

        LoadResult result = PolicyLoader.load(List.of(dir.resolve("sub/a.pal"), dir.resolve("sub/../sub/a.pal"), dir));

        assertEquals(List.of(), result.diagnostics());
        assertEquals(1, result.files().size());
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static List<String> paths(LoadResult result) {
        return result.files().stream().map(PolicyFile::source).map(s -> s.path()).toList();
    }

    private static Diagnostic single(LoadResult result) {
        assertEquals(1, result.diagnostics().size(), () -> result.diagnostics().toString());
        return result.diagnostics().get(0);
    }
}
