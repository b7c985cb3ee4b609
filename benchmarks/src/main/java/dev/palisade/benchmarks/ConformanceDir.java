package dev.palisade.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The shared conformance material the workload reads the Kubernetes bootstrap roles from: never
 * copied into the project, found as the tests find it — {@code $PALISADE_CONFORMANCE_DIR}, else a
 * {@code shared/conformance} folder beside the project folder or one of its parents (searched from
 * {@code $PALISADE_PROJECT_ROOT}, else from the working directory: run the benchmarks from the
 * project folder).
 */
final class ConformanceDir {
    static final String BOOTSTRAP = "rbac-bootstrap-policy";

    private ConformanceDir() {}

    /** The conformance folder, if it can be found. */
    static Optional<Path> find() {
        String explicit = System.getenv("PALISADE_CONFORMANCE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isDirectory);
        }
        String root = System.getenv("PALISADE_PROJECT_ROOT");
        Path base = (root != null && !root.isBlank() ? Path.of(root) : Path.of("")).toAbsolutePath();
        for (Path p = base; p != null && p.getParent() != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("conformance");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The bootstrap policy's folder inside it, if present. */
    static Optional<Path> bootstrap() {
        return find().map(d -> d.resolve(BOOTSTRAP)).filter(Files::isDirectory);
    }

    /** What to tell someone whose machine lacks the bootstrap policy. */
    static String bootstrapMissing() {
        return "the benchmark workload binds to the Kubernetes bootstrap roles in ../shared/conformance/"
                + BOOTSTRAP + ", which was not found (searched from " + Path.of("").toAbsolutePath()
                + "): run from the project folder beside shared/, or set PALISADE_CONFORMANCE_DIR";
    }

    /** The text of one bootstrap file; a clear error when the material is missing. */
    static String bootstrapFile(String name) {
        Path file = bootstrap().orElseThrow(() -> new IllegalStateException(bootstrapMissing())).resolve(name);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
