package dev.palisade.engine.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.rbac.load.LoadProblem;
import dev.palisade.engine.rbac.load.RbacLoadException;
import dev.palisade.engine.rbac.load.RbacObjectsLoader;
import dev.palisade.engine.yaml.YamlLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * D15 (a 736-byte file of Lists nested through aliases expanded to 960,799 problems, 94 MB of
 * output, 1.5 GB of heap) and D9 for RBAC files: every hostile file ends in a bounded, positioned
 * list of problems.
 */
class RbacLoadBoundsTest {
    private final RbacObjectsLoader loader = new RbacObjectsLoader();

    @TempDir
    Path dir;

    /**
     * Lists of Lists, each level an anchor repeated ten times by the next: {@code levels} levels
     * hold 10^levels objects in a few hundred bytes, with 10 × (levels − 1) aliases — within
     * SnakeYAML's limit of 50. Each object is an empty mapping: one problem (no kind) each.
     */
    static String nestedListBomb(int levels) {
        StringBuilder y = new StringBuilder("kind: List\nitems:\n");
        y.append("- &l1 {kind: List, items: [").append(String.join(", ", java.util.Collections.nCopies(10, "{}"))).append("]}\n");
        for (int level = 2; level <= levels; level++) {
            y.append("- &l").append(level).append(" {kind: List, items: [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*l" + (level - 1)))).append("]}\n");
        }
        return y.toString();
    }

    @Test
    void d15_aliasBombOfNestedListsIsRefusedBeforeAnyObjectIsExpanded() {
        String bomb = nestedListBomb(6); // 10^6 objects if walked; 50 aliases
        assertTrue(bomb.length() < 800, "the bomb is as small as the reported one: " + bomb.length());
        RbacLoadException e = assertThrows(RbacLoadException.class, () -> loader.loadText("bomb.yaml", bomb));
        // one problem, at the anchor the aliases repeat: nothing was expanded into objects, so no per-object problems at all
        assertEquals(1, e.loadProblems().size(), e.getMessage());
        LoadProblem p = e.loadProblems().get(0);
        assertTrue(p.render().startsWith("bomb.yaml:"), p.render());
        assertTrue(p.line() > 0, p.render());
        assertTrue(p.message().contains("expands to more than 100000 extra nodes"), p.render());
    }

    @Test
    void d15_problemsPerFileAreCappedWithOneSummaryLine() {
        String file = nestedListBomb(3); // 10 + 100 + 1,000 objects without a kind (the top list holds all three levels): within the expansion bound
        RbacLoadException e = assertThrows(RbacLoadException.class, () -> loader.loadText("many.yaml", file));
        List<LoadProblem> problems = e.loadProblems();
        assertEquals(101, problems.size(), "100 problems and the summary");
        assertTrue(problems.subList(0, 100).stream().allMatch(p -> p.message().equals("object has no \"kind\"")), e.getMessage());
        assertEquals("many.yaml: … 1010 more problems in many.yaml", problems.get(100).render());
    }

    @Test
    void d15_theCapAndTheExpansionBoundAreSettable() {
        RbacObjectsLoader tight = new RbacObjectsLoader(new YamlLimits(50, 50, 1 << 20, 20, true), 5);
        RbacLoadException capped = assertThrows(RbacLoadException.class, () -> tight.loadText("t.yaml", "{}\n---\n".repeat(9)));
        assertEquals("t.yaml: … 4 more problems in t.yaml", capped.loadProblems().get(5).render());
        assertEquals(6, capped.loadProblems().size());
        RbacLoadException expanded = assertThrows(RbacLoadException.class, () -> tight.loadText("t.yaml", nestedListBomb(2)));
        assertTrue(expanded.loadProblems().get(0).message().contains("more than 20 extra nodes"), expanded.getMessage());
    }

    @Test
    void d15_theCapIsPerFile_eachFileGetsItsOwnSummary() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), nestedListBomb(3));
        Files.writeString(dir.resolve("b.yaml"), "kind: Role\n");
        RbacLoadException e = assertThrows(RbacLoadException.class, () -> loader.load(List.of(dir)));
        List<String> rendered = e.loadProblems().stream().map(p -> p.render().replace(dir + "/", "")).toList();
        assertEquals(102, rendered.size());
        assertEquals("a.yaml: … 1010 more problems in a.yaml", rendered.get(100));
        assertEquals("b.yaml:1: Role has no metadata", rendered.get(101));
    }

    @Test
    void d15_aSelfContainingListIsRefusedNotWalkedForever() {
        RbacLoadException e = assertThrows(RbacLoadException.class,
                () -> loader.loadText("loop.yaml", "&a {kind: List, items: [*a]}\n"));
        assertEquals(List.of("loop.yaml:1: this node contains itself through an alias"),
                e.loadProblems().stream().map(LoadProblem::render).toList());
    }

    @Test
    void d9_rbacFileWithInvalidUtf8IsOneProblemAtItsByte() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("kind: ClusterRole\nmetadata: {name: r".getBytes(StandardCharsets.UTF_8));
        out.write(0xFF);
        out.writeBytes("}\n".getBytes(StandardCharsets.UTF_8));
        Path f = dir.resolve("r.yaml");
        Files.write(f, out.toByteArray());
        RbacLoadException e = assertThrows(RbacLoadException.class, () -> loader.load(List.of(f)));
        assertEquals(List.of(f + ":2: not valid UTF-8: byte 0xFF (column 19)"),
                e.loadProblems().stream().map(LoadProblem::render).toList());
    }

    @Test
    void d9_rbacFileWithDeepNestingOrManyAliasesIsOneProblemEach() {
        String deep = "kind: ClusterRole\nmetadata: {name: r}\nrules: " + "[".repeat(60) + "]".repeat(60) + "\n";
        String aliases = "kind: List\nx: &a [1]\nitems:\n" + "- *a\n".repeat(51);
        for (String[] c : new String[][] {{deep, "3: nested deeper than 50 levels"}, {aliases, "54: more than 50 aliases"}}) {
            RbacLoadException e = assertThrows(RbacLoadException.class, () -> loader.loadText("t.yaml", c[0]));
            assertEquals(1, e.loadProblems().size(), e.getMessage());
            assertTrue(e.loadProblems().get(0).render().startsWith("t.yaml:" + c[1]), e.getMessage());
            assertFalse(e.getMessage().contains("org.yaml"), e.getMessage());
        }
    }
}
