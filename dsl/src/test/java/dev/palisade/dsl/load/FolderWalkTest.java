package dev.palisade.dsl.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder layouts kubelet writes for a ConfigMap or Secret volume, and hidden files. */
class FolderWalkTest {
    @TempDir
    Path dir;

    /** mount/..2025_x/policies/a.pal, mount/..data -> ..2025_x, mount/policies -> ..data/policies. */
    private Path configMapMount() throws IOException {
        Path mount = dir.resolve("mount");
        Path version = Files.createDirectories(mount.resolve("..2025_01_01_00_00_00.1/policies"));
        Files.writeString(version.resolve("a.pal"), "allow \"a\"");
        Files.writeString(version.getParent().resolve("top.pal"), "allow \"top\"");
        Files.createSymbolicLink(mount.resolve("..data"), Path.of("..2025_01_01_00_00_00.1"));
        Files.createSymbolicLink(mount.resolve("policies"), Path.of("..data/policies"));
        Files.createSymbolicLink(mount.resolve("top.pal"), Path.of("..data/top.pal"));
        return mount;
    }

    @Test
    void files_folderThatIsALinkIntoAConfigMapMount_isEntered() throws IOException {
        Path mount = configMapMount();
        assertEquals(List.of(mount.resolve("policies/a.pal")), FolderWalk.files(mount.resolve("policies"), p -> true));
    }

    @Test
    void files_mountRoot_listsEachFileOnceWithoutTheMountsBookkeeping() throws IOException {
        Path mount = configMapMount();
        assertEquals(List.of(mount.resolve("policies/a.pal"), mount.resolve("top.pal")), FolderWalk.files(mount, p -> true));
    }

    @Test
    void files_hiddenFilesAndFoldersAreSkippedAndTheFilterApplies() throws IOException {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/x.pal"), "");
        Files.writeString(dir.resolve(".#lock.pal"), "");
        Files.writeString(dir.resolve("b.pal"), "");
        Files.writeString(dir.resolve("notes.txt"), "");
        assertEquals(List.of(dir.resolve("b.pal")), FolderWalk.files(dir, p -> p.toString().endsWith(".pal")));
    }

    @Test
    void policyLoader_readsAPolicyFolderMountedFromAConfigMap() throws IOException {
        Path mount = configMapMount();
        LoadResult result = PolicyLoader.load(List.of(mount.resolve("policies")));
        assertEquals(List.of(), result.diagnostics());
        assertEquals(1, result.files().size());
    }

    @Test
    void files_aLinkToAFolderOutside_isListedForRefusalNotWalked() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside/deep"));
        Files.writeString(outside.resolve("secret.pal"), "allow \"secret\"");
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("a.pal"), "allow \"a\"");
        Files.createSymbolicLink(root.resolve("escape"), dir.resolve("outside"));
        assertEquals(List.of(root.resolve("a.pal"), root.resolve("escape")), FolderWalk.files(root, p -> p.toString().endsWith(".pal")));

        LoadResult result = PolicyLoader.load(List.of(root));
        assertEquals(1, result.diagnostics().size(), result.diagnostics().toString());
        String problem = result.diagnostics().get(0).toString();
        org.junit.jupiter.api.Assertions.assertTrue(problem.contains("escape") && problem.contains("refused"), problem);
    }
}
