package dev.palisade.engine.admission.pss;

import dev.palisade.dsl.admission.AdmissionCompiler;
import dev.palisade.dsl.admission.AdmissionProgram;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.check.PolicyChecker;
import dev.palisade.dsl.parse.ParseResult;
import dev.palisade.dsl.parse.PolicyParser;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.PolicyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Pod Security Standards as DSL policies: the manifest {@code checks.txt} and the policy
 * files it names, read from the classpath (where engine/pom.xml copies rules/policies/admission/pss)
 * or from a folder. Builds one program per (level, version) and keeps it: programs are immutable
 * and thread-safe, and building one costs far more than evaluating a pod.
 */
final class PodSecurityCatalog {
    /** Where the engine's classpath carries the policies. */
    public static final String CLASSPATH_BASE = "dev/palisade/engine/pss/";
    public static final String MANIFEST = "checks.txt";

    private static volatile PodSecurityCatalog classpath;

    private final String origin;
    private final Reader reader;
    private final List<PodSecurityCheck> checks;
    private final int latestMinor;
    private final Map<String, AdmissionProgram> programs = new ConcurrentHashMap<>();

    /** Reads a file of the catalog by its path relative to the manifest. */
    @FunctionalInterface
    public interface Reader {
        String read(String relative) throws IOException;
    }

    private PodSecurityCatalog(String origin, Reader reader) {
        this.origin = origin;
        this.reader = reader;
        this.checks = parseManifest(text(MANIFEST));
        this.latestMinor = checks.stream().mapToInt(PodSecurityCheck::since).max().orElse(0);
    }

    /** The catalog shipped in the engine's classpath (read once). */
    public static PodSecurityCatalog fromClasspath() {
        PodSecurityCatalog c = classpath;
        if (c == null) {
            synchronized (PodSecurityCatalog.class) {
                if (classpath == null) {
                    classpath = new PodSecurityCatalog("classpath:" + CLASSPATH_BASE, relative -> {
                        try (InputStream in = PodSecurityCatalog.class.getClassLoader()
                                .getResourceAsStream(CLASSPATH_BASE + relative)) {
                            if (in == null) {
                                throw new IOException("missing classpath resource " + CLASSPATH_BASE + relative);
                            }
                            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        }
                    });
                }
                c = classpath;
            }
        }
        return c;
    }

    /** A catalog in a folder, e.g. rules/policies/admission/pss while editing it. */
    public static PodSecurityCatalog fromDirectory(Path dir) {
        return new PodSecurityCatalog(dir.toString() + "/",
                relative -> Files.readString(dir.resolve(relative), StandardCharsets.UTF_8));
    }

    public List<PodSecurityCheck> checks() {
        return checks;
    }

    /** The highest version any check names: what {@code latest} means. */
    public int latestMinor() {
        return latestMinor;
    }

    /** The minor version a request for {@code version} is evaluated at (newer than known = latest). */
    public int effectiveMinor(PodSecurityVersion version) {
        return version.isLatest() ? latestMinor : Math.min(version.minor(), latestMinor);
    }

    /**
     * The check versions in force at {@code level} and {@code version}: for each check of the level
     * or below it, the newest version not after the requested one; at the restricted level minus
     * the baseline checks that the selected restricted checks override. Ordered by check id.
     */
    public List<PodSecurityCheck> select(PodSecurityLevel level, PodSecurityVersion version) {
        int minor = effectiveMinor(version);
        Map<String, PodSecurityCheck> newest = new LinkedHashMap<>();
        for (PodSecurityCheck c : checks) {
            if (c.level().compareTo(level) <= 0 && c.since() <= minor) {
                newest.merge(c.id(), c, (a, b) -> a.since() >= b.since() ? a : b);
            }
        }
        Set<String> overridden = new HashSet<>();
        for (PodSecurityCheck c : newest.values()) {
            if (c.level() == PodSecurityLevel.RESTRICTED) {
                overridden.addAll(c.overrides());
            }
        }
        return newest.values().stream()
                .filter(c -> !(c.level() == PodSecurityLevel.BASELINE && overridden.contains(c.id())))
                .sorted(Comparator.comparing(PodSecurityCheck::id))
                .toList();
    }

    /**
     * The compiled checks of {@code level} at {@code version}; null for the privileged level, which
     * has none.
     *
     * @throws PolicyException when a policy file of the catalog does not parse or check
     */
    public AdmissionProgram program(PodSecurityLevel level, PodSecurityVersion version) {
        if (level == PodSecurityLevel.PRIVILEGED) {
            return null;
        }
        List<PodSecurityCheck> selected = select(level, version);
        // many versions select the same files: one program serves them all
        String key = String.join(" ", selected.stream().map(PodSecurityCheck::file).toList());
        return programs.computeIfAbsent(key, k -> build(selected));
    }

    private AdmissionProgram build(List<PodSecurityCheck> selected) {
        List<PolicyFile> files = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        for (PodSecurityCheck c : selected) {
            ParseResult parsed = PolicyParser.parse(origin + c.file(), text(c.file()));
            problems.addAll(parsed.diagnostics());
            if (parsed.file() != null) {
                files.add(parsed.file());
            }
        }
        problems.addAll(PolicyChecker.check(files));
        if (problems.stream().anyMatch(Diagnostic::isError)) {
            throw new PolicyException(problems);
        }
        return AdmissionCompiler.compile(files).build();
    }

    private String text(String relative) {
        try {
            return reader.read(relative);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Pod Security policy " + origin + relative, e);
        }
    }

    /** Lines of {@code level check since file [overrides...]}; '#' starts a comment. */
    static List<PodSecurityCheck> parseManifest(String text) {
        List<PodSecurityCheck> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length < 4 || !f[2].matches("1\\.[0-9]{1,4}")) {
                throw new IllegalArgumentException(MANIFEST + ":" + (i + 1)
                        + ": expected \"level check 1.N file [overrides...]\", got \"" + line + "\"");
            }
            out.add(new PodSecurityCheck(PodSecurityLevel.parse(f[0]), f[1], Integer.parseInt(f[2].substring(2)), f[3],
                    Arrays.asList(f).subList(4, f.length)));
        }
        return List.copyOf(out);
    }
}
