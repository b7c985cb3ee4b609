package dev.palisade.engine.fuzz;

import static dev.palisade.engine.fuzz.RbacYamlFuzzTest.map;
import static dev.palisade.engine.fuzz.RbacYamlFuzzTest.printable;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.config.ConfigException;
import dev.palisade.engine.config.ConfigLoader;
import dev.palisade.engine.config.Configuration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * palisade.yaml, fuzzed: valid configurations (authorizers of every type, a decision cache,
 * PodSecurity admission, authentication) mutated by {@link YamlMutator}. Invariants: loading
 * either succeeds or fails with {@link ConfigException} — nothing else escapes; every problem
 * starts with {@code file:line:col: }; a configuration that fails to load never yields an engine.
 */
class ConfigYamlFuzzTest {
    private static final AtomicLong TRIED = new AtomicLong();
    private static final AtomicLong REFUSED = new AtomicLong();
    private static final Path DIR;
    private static final Path FILE;
    private static final Pattern PLACE;

    static {
        try {
            DIR = Files.createTempDirectory("config-fuzz");
            Files.createDirectories(DIR.resolve("rbac"));
            Files.writeString(DIR.resolve("rbac/roles.yaml"), "kind: ClusterRole\nmetadata: {name: r}\n");
            Files.createDirectories(DIR.resolve("policies"));
            Files.writeString(DIR.resolve("policies/p.pal"), "allow \"a\" when user.name == \"alex\"\n");
            Files.writeString(DIR.resolve("abac.jsonl"), "{\"apiVersion\": \"abac.authorization.kubernetes.io/v1beta1\", \"kind\": \"Policy\", \"spec\": {\"user\": \"alice\", \"namespace\": \"*\", \"resource\": \"*\", \"apiGroup\": \"*\"}}\n");
            Files.writeString(DIR.resolve("tokens.csv"), "t0k3n,alice,1,\"devs\"\n");
            FILE = DIR.resolve("palisade.yaml");
            PLACE = Pattern.compile("^" + Pattern.quote(FILE.toString()) + ":\\d+:\\d+: .+", Pattern.DOTALL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<byte[]> configs() {
        return Arbitraries.randoms().map(r -> new YamlMutator(r).mutate(validConfig(r)));
    }

    @Property
    void hostileConfigurationFailsWithPositionedProblemsAndNeverYieldsAnEngine(@ForAll("configs") byte[] text) throws IOException {
        TRIED.incrementAndGet();
        Files.write(FILE, text);
        Configuration loaded = null;
        try {
            loaded = ConfigLoader.load(FILE);
        } catch (ConfigException e) {
            REFUSED.incrementAndGet();
            assertFalse(e.problems().isEmpty());
            for (String p : e.problems()) {
                assertTrue(PLACE.matcher(p).matches(), () -> "not file:line:col: " + p + "\ninput:\n" + printable(text));
                assertFalse(p.contains("org.yaml") || p.contains("Exception"), p);
            }
            // and the engine is never built from it
            ConfigException again = assertThrows(ConfigException.class, () -> PolicyEngine.fromConfig(FILE));
            assertTrue(again.problems().equals(e.problems()));
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            fail("uncaught " + e + " for input:\n" + printable(text), e);
        }
        if (loaded != null) {
            // admission- or authentication-only configurations are whole; one with no stage at all is refused
            assertFalse(loaded.authorizers().isEmpty() && loaded.admissionPlugins().isEmpty()
                    && loaded.authentication().equals(dev.palisade.engine.config.AuthenticationConfig.none()),
                    "a loaded configuration runs at least one stage");
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("palisade.yaml fuzz: %,d inputs tried (tries per property: %s), %,d refused with problems, 0 uncaught%n",
                TRIED.get(), FuzzBudget.describe(), REFUSED.get());
    }

    static Object validConfig(Random r) {
        List<Object> authorizers = new ArrayList<>();
        authorizers.add(map("type", "RBAC", "name", "rbac", "paths", new ArrayList<>(List.of("rbac"))));
        if (r.nextBoolean()) {
            authorizers.add(map("type", "Policy", "paths", new ArrayList<>(List.of("policies/"))));
        }
        if (r.nextBoolean()) {
            authorizers.add(map("type", "ABAC", "policyFile", "abac.jsonl"));
        }
        authorizers.add(map("type", r.nextBoolean() ? "AlwaysDeny" : "AlwaysAllow"));
        Map<String, Object> authorization = map("authorizers", authorizers);
        if (r.nextBoolean()) {
            authorization.put("cache", map("maxEntries", 1 + r.nextInt(10_000)));
        }
        Map<String, Object> config = map("apiVersion", "palisade.dev/v1alpha1", "kind", "Configuration", "authorization", authorization);
        if (r.nextBoolean()) {
            config.put("admission", map("plugins", new ArrayList<>(List.of(map("type", "PodSecurity",
                    "level", List.of("privileged", "baseline", "restricted").get(r.nextInt(3)), "version", "latest")))));
        }
        if (r.nextBoolean()) {
            config.put("authentication", map("anonymous", map("enabled", r.nextBoolean()),
                    "authenticators", new ArrayList<>(List.of(map("type", "TokenFile", "file", "tokens.csv")))));
        }
        return config;
    }
}
