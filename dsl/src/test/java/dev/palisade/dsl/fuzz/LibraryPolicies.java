package dev.palisade.dsl.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shipped policy library (rules/policies/**.pal): the seeds the DSL fuzzer mutates. */
final class LibraryPolicies {
    private LibraryPolicies() {}

    /** One library file: its path relative to the library, and its text. */
    record Seed(String name, String text) {}

    static final List<Seed> SEEDS = load();

    private static List<Seed> load() {
        Path root = projectRoot().resolve("rules").resolve("policies");
        try (Stream<Path> files = Files.walk(root)) {
            List<Seed> seeds = files.filter(p -> p.toString().endsWith(".pal")).sorted()
                    .map(p -> new Seed(root.relativize(p).toString(), read(p))).toList();
            if (seeds.isEmpty()) {
                throw new IllegalStateException("no .pal files under " + root);
            }
            return seeds;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the policy library under " + root, e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Surefire sets PALISADE_PROJECT_ROOT; from an IDE the module directory's parent will do. */
    private static Path projectRoot() {
        String env = System.getenv("PALISADE_PROJECT_ROOT");
        return env != null && !env.isEmpty() ? Path.of(env) : Path.of("..").toAbsolutePath().normalize();
    }
}
