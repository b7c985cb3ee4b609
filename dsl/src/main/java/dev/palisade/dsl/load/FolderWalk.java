package dev.palisade.dsl.load;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * The entries under a policy or grant folder, as the loaders read them. Symbolic links are
 * followed, the folder itself included: Kubernetes mounts a ConfigMap or Secret as symbolic links
 * into a hidden {@code ..data} folder, so a folder that is such a mount, or a link to one, must be
 * entered. Entries whose name starts with a dot are skipped below the folder: they are the
 * mount's own bookkeeping ({@code ..data}, {@code ..2024_01_01_00_00_00.123}, which would
 * otherwise yield every file twice) or hidden files such as editor locks.
 *
 * <p>The walk never leaves the folder: a link to a folder outside it is listed, not entered, so
 * that the loader refuses it by name ({@link PolicyRoot}); so are links and special files that
 * {@code accept} takes, which the loader then refuses instead of silently skipping.
 */
public final class FolderWalk {
    private FolderWalk() {}

    /**
     * The non-folder entries under {@code folder} that {@code accept} takes, and every link to a
     * folder outside it, sorted (so that load order does not depend on the file system), spelled
     * below {@code folder} as given.
     *
     * @throws IOException when the folder cannot be listed
     */
    public static List<Path> files(Path folder, Predicate<Path> accept) throws IOException {
        Path realRoot = folder.toRealPath();
        List<Path> out = new ArrayList<>();
        Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(folder)) {
                    return FileVisitResult.CONTINUE;
                }
                if (hiddenBelow(folder, dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!dir.toRealPath().startsWith(realRoot)) {
                    out.add(dir); // a link out of the folder: refused by the loader, never walked
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!hiddenBelow(folder, file) && accept.test(file)) {
                    out.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof FileSystemLoopException || hiddenBelow(folder, file)) {
                    return FileVisitResult.CONTINUE; // a link back up the tree: its files are listed once already
                }
                if (accept.test(file)) {
                    out.add(file); // unreadable: the loader reports it in its own words
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return out;
    }

    private static boolean hiddenBelow(Path folder, Path p) {
        for (Path name : folder.relativize(p)) {
            if (name.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
