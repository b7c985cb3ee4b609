package dev.palisade.cli;

import dev.palisade.dsl.load.FolderWalk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which files of the paths given to {@code check} form one policy set. A folder holding a
 * catalog manifest ({@code checks.txt}, as the Pod Security checks under
 * {@code rules/policies/admission/pss/}) holds versions of the same checks, which repeat rule ids
 * by design: each of its files is a policy set of its own. Everything else is checked together.
 *
 * @param together the paths checked as one policy set (files as given, folders' other files)
 * @param alone    catalog files, each its own policy set
 */
record PolicySets(List<Path> together, List<Path> alone) {
    /** The catalog manifest's name, as the engine's PodSecurityCatalog reads it. */
    static final String MANIFEST = "checks.txt";

    static PolicySets of(List<Path> paths) {
        List<Path> together = new ArrayList<>();
        List<Path> alone = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                together.add(p);
                continue;
            }
            try {
                List<Path> files = FolderWalk.files(p, x -> x.getFileName().toString().endsWith(".pal"));
                if (files.stream().noneMatch(f -> inCatalog(f, p))) {
                    together.add(p); // the folder itself: its files' imports stay bounded by it
                    continue;
                }
                for (Path f : files) {
                    (inCatalog(f, p) ? alone : together).add(f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new PolicySets(List.copyOf(together), List.copyOf(alone));
    }

    /** Some folder from the file's up to {@code root} has a catalog manifest. */
    private static boolean inCatalog(Path file, Path root) {
        Path top = root.toAbsolutePath().normalize();
        for (Path d = file.toAbsolutePath().normalize().getParent(); d != null && d.startsWith(top); d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(MANIFEST))) {
                return true;
            }
        }
        return false;
    }
}
