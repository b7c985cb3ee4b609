package dev.palisade.engine.abac;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ABAC policy file as the apiserver does: one policy per line; blank lines and lines
 * starting with {@code #} (after trimming) are skipped. Every bad line is reported as
 * {@code file:line: reason}, and then nothing is loaded.
 */
final class AbacFileLoader {
    private AbacFileLoader() {}

    public static AbacPolicyFile load(Path file) {
        List<String> lines;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines = reader.lines().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new AbacLoadException(List.of(file + ": cannot read ABAC policy file: " + e.getMessage()));
        }
        List<AbacPolicy> policies = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            String trimmed = text.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String source = file + ":" + (i + 1);
            try {
                policies.add(AbacPolicyParser.parseLine(text, i + 1, source, warnings::add));
            } catch (AbacParseException e) {
                problems.add(source + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new AbacLoadException(problems);
        }
        return new AbacPolicyFile(file, policies, warnings);
    }
}
