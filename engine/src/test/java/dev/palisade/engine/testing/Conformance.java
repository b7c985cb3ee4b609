package dev.palisade.engine.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared conformance material (../shared/conformance beside the project, or
 * $PALISADE_CONFORMANCE_DIR). Where it is absent, tests skip saying so, except under CI=true,
 * where its absence fails the run: passing it is how we know we are right.
 */
public final class Conformance {
    private Conformance() {}

    /** The conformance directory, or a skip/failure when it is missing. */
    public static Path dir() {
        Path dir = locate();
        if (dir != null && Files.isDirectory(dir)) {
            return dir;
        }
        String message = "conformance material not found (looked at "
                + (dir == null ? "../shared/conformance" : dir)
                + "); set PALISADE_CONFORMANCE_DIR or check out shared/ beside the project";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " — required under CI=true");
        }
        assumeTrue(false, message);
        return null;
    }

    /** A file or folder inside the conformance directory. */
    public static Path resolve(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.exists(p)) {
            fail("conformance file missing: " + p);
        }
        return p;
    }

    private static Path locate() {
        String explicit = System.getenv("PALISADE_CONFORMANCE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String root = System.getenv("PALISADE_PROJECT_ROOT");
        Path base = root != null && !root.isBlank() ? Path.of(root) : Path.of("").toAbsolutePath();
        // walk up from the module or project folder to find a sibling shared/conformance
        for (Path p = base.toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("conformance");
            if (p.getParent() != null && Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return base.toAbsolutePath().resolveSibling("shared").resolve("conformance");
    }
}
