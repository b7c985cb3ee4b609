package dev.palisade.benchmarks;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.request.RequestAttributes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Builds each engine of the benchmark from one workload, and checks that they agree. */
public final class Engines {
    private Engines() {}

    /**
     * Palisade as a user configures it: the workload written as files, then
     * {@code PolicyEngine.builder().policies(...).rbac(...)} — the guard-rail policy set first, RBAC second.
     */
    public static PolicyEngine palisade(Workload w) {
        return palisade(w, 0);
    }

    /** The same engine with a decision cache of {@code cacheEntries} (0: none) in front of the chain. */
    public static PolicyEngine palisade(Workload w, int cacheEntries) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("palisade-bench-");
            List<Path> paths = w.writeTo(dir);
            PolicyEngine.Builder b = PolicyEngine.builder()
                    .policies("guardrails", List.of(paths.get(1)))
                    .rbac(List.of(paths.get(0)));
            if (cacheEntries > 0) {
                b.decisionCache(cacheEntries);
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Workload.deleteRecursively(dir);
        }
    }

    /** A peer for an engine name other than {@code palisade}. */
    static PeerAuthorizer peer(String engine, Workload w) {
        return switch (engine) {
            case "index" -> {
                IndexAuthorizer index = new IndexAuthorizer(w);
                yield r -> index.authorize(r).allowed();
            }
            case "jcasbin" -> new CasbinAuthorizer(w);
            case "cedar" -> new CedarAuthorizer(w);
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
    }

    /** Per outcome of the index, how many requests of the mix end so. */
    public static Map<IndexAuthorizer.Outcome, Integer> outcomes(Workload w) {
        IndexAuthorizer index = new IndexAuthorizer(w);
        Map<IndexAuthorizer.Outcome, Integer> counts = new EnumMap<>(IndexAuthorizer.Outcome.class);
        for (RequestAttributes r : w.requests()) {
            counts.merge(index.authorize(r), 1, Integer::sum);
        }
        return counts;
    }

    /** The correctness gate over the whole mix; throws on any mismatch. */
    public static void checkAgreement(String engine, Workload w, java.util.function.Predicate<RequestAttributes> allowed) {
        checkAgreement(engine, w, allowed, Long.MAX_VALUE);
    }

    /**
     * The correctness gate: throws unless {@code allowed} answers ALLOW/not-ALLOW as the index
     * does on every request checked (listing up to ten mismatches). Requests are checked in mix
     * order; after {@code budgetMillis}, and once at least {@link #MIN_CHECKED} were checked, the
     * check stops and returns how many it checked — a slow peer is then measured on exactly
     * that prefix of the mix, never on a request it was not checked on.
     */
    public static int checkAgreement(String engine, Workload w, java.util.function.Predicate<RequestAttributes> allowed,
                                     long budgetMillis) {
        IndexAuthorizer index = new IndexAuthorizer(w);
        List<String> mismatches = new ArrayList<>();
        int count = 0;
        int checked = 0;
        long start = System.nanoTime();
        for (RequestAttributes r : w.requests()) {
            if (checked >= MIN_CHECKED && (System.nanoTime() - start) / 1_000_000 > budgetMillis) {
                break;
            }
            checked++;
            IndexAuthorizer.Outcome expected = index.authorize(r);
            boolean got = allowed.test(r);
            if (got != expected.allowed()) {
                count++;
                if (mismatches.size() < 10) {
                    mismatches.add("  " + r.user().name() + " " + r.user().groups() + ": " + r.describe()
                            + " -> index " + expected + ", " + engine + " " + (got ? "ALLOW" : "not ALLOW"));
                }
            }
        }
        if (count > 0) {
            throw new IllegalStateException(engine + " disagrees with the index on " + count + " of "
                    + checked + " requests at " + w.bindings() + " bindings:\n" + String.join("\n", mismatches));
        }
        return checked;
    }

    /** The fewest requests a time-limited agreement check covers. */
    public static final int MIN_CHECKED = 32;
}
