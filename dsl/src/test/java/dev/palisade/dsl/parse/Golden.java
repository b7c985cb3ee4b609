package dev.palisade.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Golden files under {@code src/test/resources/golden}: each {@code NAME.pal} input has an expected
 * output {@code NAME.<ext>}. Run with {@code -Dgolden.update=true} to rewrite the expectations
 * (then review the diff). Files are read from the source tree, not the classpath, so that an
 * update lands where it is committed.
 */
public final class Golden {
    private static final Path ROOT = Path.of("src", "test", "resources", "golden");

    private Golden() {}

    /** The {@code .pal} inputs of one golden directory, sorted. */
    public static List<Path> inputs(String dir) {
        try (Stream<Path> files = Files.list(ROOT.resolve(dir))) {
            return files.filter(p -> p.toString().endsWith(".pal")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that {@code actual} equals the golden file next to {@code input}, or rewrites it. */
    public static void check(Path input, String extension, String actual) {
        String name = input.getFileName().toString().replaceFirst("\\.pal$", "." + extension);
        Path expected = input.resolveSibling(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.writeString(expected, actual, StandardCharsets.UTF_8);
                return;
            }
            String want = Files.exists(expected) ? Files.readString(expected, StandardCharsets.UTF_8) : "<missing " + expected + ">";
            assertEquals(want, actual, "golden file " + expected + " (run with -Dgolden.update=true to rewrite)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
