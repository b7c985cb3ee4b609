package dev.palisade.dsl.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The files under a policy or grant folder, as the loaders read them. Symbolic links are followed,
 * the folder itself included: Kubernetes mounts a ConfigMap or Secret as symbolic links into a
 * hidden {@code ..data} folder, so a folder that is such a mount, or a link to one, must be
 * entered. Entries whose name starts with a dot are skipped below the folder: they are the
 * mount's own bookkeeping ({@code ..data}, {@code ..2024_01_01_00_00_00.123}, which would
 * otherwise yield every file twice) or hidden files such as editor locks.
 */
public final class FolderWalk {
    private FolderWalk() {}

    /**
     * The regular files under {@code folder} that {@code accept} takes, sorted (so that load order
     * does not depend on the file system), spelled below {@code folder} as given.
     *
     * @throws IOException when the folder cannot be listed (including a symbolic-link loop)
     */
    public static List<Path> files(Path folder, Predicate<Path> accept) throws IOException {
        try (Stream<Path> walk = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(p -> !hiddenBelow(folder, p))
                    .filter(Files::isRegularFile)
                    .filter(accept)
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
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
