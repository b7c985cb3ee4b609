package dev.palisade.engine.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.palisade.engine.rbac.load.LoadProblem;
import dev.palisade.engine.rbac.load.LoadedRbac;
import dev.palisade.engine.rbac.load.RbacLoadException;
import dev.palisade.engine.rbac.load.RbacObjectsLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * RBAC YAML from outside, fuzzed: valid Role/ClusterRole/RoleBinding/ClusterRoleBinding objects and
 * Lists of them, mutated ({@link YamlMutator}). Invariants: loading either succeeds or fails with
 * {@link RbacLoadException} — nothing else escapes (no SnakeYAML exception, no stack overflow, no
 * out of memory); every problem names the file and a line (only the "… N more" summary has none);
 * at most 100 problems and one summary per file.
 */
class RbacYamlFuzzTest {
    private static final AtomicLong TRIED = new AtomicLong();
    private static final AtomicLong REFUSED = new AtomicLong();
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("rbac-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<byte[]> rbacFiles() {
        return Arbitraries.randoms().map(r -> new YamlMutator(r).mutate(validDocument(r)));
    }

    @Property
    void loadingHostileRbacYamlFailsWithPositionedBoundedProblemsOnly(@ForAll("rbacFiles") byte[] text) throws IOException {
        TRIED.incrementAndGet();
        Path file = DIR.resolve("rbac.yaml");
        Files.write(file, text);
        try {
            LoadedRbac loaded = new RbacObjectsLoader().load(List.of(file));
            assertTrue(loaded.policy() != null);
        } catch (RbacLoadException e) {
            REFUSED.incrementAndGet();
            List<LoadProblem> problems = e.loadProblems();
            assertFalse(problems.isEmpty());
            assertTrue(problems.size() <= 101, () -> problems.size() + " problems");
            long summaries = 0;
            for (LoadProblem p : problems) {
                assertEquals(file.toString(), p.file(), p.render());
                boolean summary = p.message().startsWith("… ") && p.message().endsWith(" more problems in " + file)
                        || p.message().endsWith(" more problem in " + file);
                summaries += summary ? 1 : 0;
                assertTrue(summary || p.line() > 0, () -> "no line: " + p.render() + "\ninput:\n" + printable(text));
                assertFalse(p.message().contains("org.yaml") || p.message().contains("Exception"), p.render());
            }
            assertTrue(summaries <= 1, "one summary line at most");
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            fail("uncaught " + e + " for input:\n" + printable(text), e);
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("RBAC YAML fuzz: %,d inputs tried (tries per property: %s), %,d refused with problems, 0 uncaught%n",
                TRIED.get(), FuzzBudget.describe(), REFUSED.get());
    }

    static String printable(byte[] text) {
        String s = new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
        return s.length() > 4000 ? s.substring(0, 4000) + "…" : s;
    }

    /** One to three documents' worth: a Role, ClusterRole, either binding, or a List of some. */
    static Object validDocument(Random r) {
        int kind = r.nextInt(5);
        if (kind == 4) {
            List<Object> items = new ArrayList<>();
            int n = 1 + r.nextInt(4);
            for (int i = 0; i < n; i++) {
                items.add(object(r, r.nextInt(4), i));
            }
            return map("apiVersion", "v1", "kind", r.nextBoolean() ? "List" : "RoleBindingList", "items", items);
        }
        return object(r, kind, 0);
    }

    private static Map<String, Object> object(Random r, int kind, int i) {
        String api = "rbac.authorization.k8s.io/v1";
        return switch (kind) {
            case 0 -> map("apiVersion", api, "kind", "Role", "metadata", map("name", "role" + i, "namespace", "ns"), "rules", rules(r));
            case 1 -> map("apiVersion", api, "kind", "ClusterRole", "metadata", map("name", "cr" + i, "labels", map("a", "b")),
                    "rules", rules(r));
            case 2 -> map("apiVersion", api, "kind", "RoleBinding", "metadata", map("name", "rb" + i, "namespace", "ns"),
                    "subjects", subjects(r), "roleRef", map("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", "role0"));
            default -> map("apiVersion", api, "kind", "ClusterRoleBinding", "metadata", map("name", "crb" + i),
                    "subjects", subjects(r), "roleRef", map("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole", "name", "cr0"));
        };
    }

    private static List<Object> rules(Random r) {
        List<Object> rules = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            rules.add(r.nextInt(4) == 0
                    ? map("verbs", new ArrayList<>(List.of("get")), "nonResourceURLs", new ArrayList<>(List.of("/healthz", "/api/*")))
                    : map("apiGroups", new ArrayList<>(List.of("", "apps")), "resources", new ArrayList<>(List.of("pods", "deployments/scale")),
                            "verbs", new ArrayList<>(List.of("get", "list", "watch")), "resourceNames", new ArrayList<>(List.of("x"))));
        }
        return rules;
    }

    private static List<Object> subjects(Random r) {
        List<Object> out = new ArrayList<>();
        out.add(map("kind", "User", "apiGroup", "rbac.authorization.k8s.io", "name", "alice"));
        if (r.nextBoolean()) {
            out.add(map("kind", "Group", "apiGroup", "rbac.authorization.k8s.io", "name", "devs"));
        }
        if (r.nextBoolean()) {
            out.add(map("kind", "ServiceAccount", "name", "default", "namespace", "kube-system"));
        }
        return out;
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
