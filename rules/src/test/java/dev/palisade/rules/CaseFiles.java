package dev.palisade.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The library's layout for one-policy case files: {@code X.pal} beside {@code X.cases.yaml} with a {@code cases} list. */
final class CaseFiles {
    private CaseFiles() {}

    /** Every policy under the library folder, in a stable order. */
    static List<Path> policies(Path library) throws IOException {
        try (Stream<Path> s = Files.walk(library)) {
            return s.filter(p -> p.toString().endsWith(".pal")).sorted().toList();
        }
    }

    /** Fails unless the folder holds policies and each has its case file. */
    static void assertEveryPolicyHasCases(Path library) throws IOException {
        List<Path> policies = policies(library);
        assertFalse(policies.isEmpty(), "no policies found under " + library.toAbsolutePath());
        for (Path p : policies) {
            assertTrue(Files.exists(casesFor(p)), "policy without cases: " + p);
        }
    }

    static Path casesFor(Path policy) {
        String n = policy.getFileName().toString();
        return policy.resolveSibling(n.substring(0, n.length() - ".pal".length()) + ".cases.yaml");
    }

    /** The non-empty {@code cases} list of a case file. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cases(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            Map<String, Object> doc = new Yaml().load(r);
            List<Map<String, Object>> cases = (List<Map<String, Object>>) doc.get("cases");
            assertFalse(cases == null || cases.isEmpty(), "no cases in " + file);
            return cases;
        }
    }
}
