package dev.palisade.server.reload;

import static dev.palisade.server.reload.PolicyFixture.ask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.config.ConfigException;
import dev.palisade.server.EngineLease;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingEngineSourceTest {
    /** Fast watching, so that file tests take a fraction of a second. */
    static final ReloadOptions FAST = new ReloadOptions(Duration.ofMillis(50), Duration.ofMillis(30), false);

    @TempDir
    Path dir;

    @Test
    void start_buildsGenerationOneAndIsReady() throws IOException {
        PolicyFixture f = new PolicyFixture(dir);
        try (ReloadingEngineSource source = ReloadingEngineSource.start(f.config, new SimpleMeterRegistry(), ReloadOptions.manual());
             EngineLease lease = source.acquire()) {
            assertTrue(source.ready());
            assertEquals(1, source.generation());
            assertEquals(1, lease.generation());
            assertEquals(Verdict.ALLOW, ask(lease.engine(), 0).verdict());
            assertEquals(java.util.List.of(f.config, f.policies, f.rbac), source.watched());
        }
    }

    @Test
    void start_firstBuildFails_throwsEveryProblemWithItsPlace() throws IOException {
        PolicyFixture f = new PolicyFixture(dir);
        Files.writeString(f.policies.resolve("guard-rails.pal"), "package fixture\nallow \"x\" when verb ==\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ReloadingEngineSource.start(f.config, new SimpleMeterRegistry(), ReloadOptions.manual()));
        assertTrue(e.getMessage().matches("(?s).*guard-rails\\.pal:\\d+:\\d+.*"), e.getMessage());
    }

    @Test
    void leaseHeldAcrossASwap_keepsItsEngineOpenUntilReleased() throws Exception {
        PolicyFixture f = new PolicyFixture(dir);
        try (ReloadingEngineSource source = ReloadingEngineSource.start(f.config, new SimpleMeterRegistry(), ReloadOptions.manual())) {
            CountDownLatch leased = new CountDownLatch(1);
            CountDownLatch swapped = new CountDownLatch(1);
            AtomicReference<Decision> decidedAfterSwap = new AtomicReference<>();
            AtomicReference<Boolean> closedUnderRequest = new AtomicReference<>();
            Thread request = new Thread(() -> {
                try (EngineLease lease = source.acquire()) {
                    leased.countDown();
                    await(swapped);
                    closedUnderRequest.set(((ReloadingEngineSource.Lease) lease).engineClosed());
                    decidedAfterSwap.set(ask(lease.engine(), 0)); // the old grant, on the old engine
                }
            });
            request.start();
            assertTrue(leased.await(10, TimeUnit.SECONDS));

            f.grant(1);
            assertTrue(source.reload().succeeded());
            try (EngineLease fresh = source.acquire()) {
                assertEquals(2, fresh.generation());
                assertEquals(Verdict.ALLOW, ask(fresh.engine(), 1).verdict());
            }
            assertEquals(2, source.enginesOpen(), "the replaced engine stays open while a request holds it");
            swapped.countDown();
            request.join(10_000);

            assertEquals(Boolean.FALSE, closedUnderRequest.get());
            assertEquals(Verdict.ALLOW, decidedAfterSwap.get().verdict());
            assertEquals(java.util.List.of(), decidedAfterSwap.get().errors());
            eventually(() -> source.enginesOpen() == 1, "the replaced engine is closed once its last lease is released");
        }
    }

    @Test
    void leaseClosedTwice_releasesOnce() throws IOException {
        PolicyFixture f = new PolicyFixture(dir);
        try (ReloadingEngineSource source = ReloadingEngineSource.start(f.config, new SimpleMeterRegistry(), ReloadOptions.manual())) {
            EngineLease lease = source.acquire();
            lease.close();
            lease.close();
            try (EngineLease again = source.acquire()) {
                assertFalse(((ReloadingEngineSource.Lease) again).engineClosed());
                assertEquals(Verdict.ALLOW, ask(again.engine(), 0).verdict());
            }
        }
    }

    @Test
    void brokenChange_keepsTheOldDecisionsCountsAFailureAndStaysReady() throws IOException {
        PolicyFixture f = new PolicyFixture(dir);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ReloadingEngineSource source = ReloadingEngineSource.start(f.config, registry, ReloadOptions.manual())) {
            f.breakRbac();
            ReloadOutcome outcome = source.reload();

            assertFalse(outcome.succeeded());
            assertEquals(1, outcome.generation());
            // the RBAC reader places YAML errors by line (the DSL, below, by line and column)
            assertTrue(outcome.problems().stream().anyMatch(p -> p.matches("(?s).*binding\\.yaml:\\d+.*")), outcome.problems().toString());
            assertTrue(source.ready());
            assertEquals(1, source.generation());
            try (EngineLease lease = source.acquire()) {
                assertEquals(Verdict.ALLOW, ask(lease.engine(), 0).verdict());
            }
            assertEquals(1.0, registry.get("palisade.policy.reloads").tag("result", "failure").counter().count());
            assertEquals(0.0, registry.get("palisade.policy.reloads").tag("result", "success").counter().count());
            assertEquals(0.0, registry.get("palisade.policy.last.reload.success").gauge().value());
        }
    }

    @Test
    void brokenPolicy_problemNamesTheFileLineAndColumn() throws IOException {
        PolicyFixture f = new PolicyFixture(dir);
        try (ReloadingEngineSource source = ReloadingEngineSource.start(f.config, new SimpleMeterRegistry(), ReloadOptions.manual())) {
            Files.writeString(f.policies.resolve("guard-rails.pal"), "package fixture\ndeny \"x\" when resource = \"secrets\"\n");
            ReloadOutcome outcome = source.reload();
            assertFalse(outcome.succeeded());
            assertTrue(String.join("\n", outcome.problems()).contains("guard-rails.pal:2:"), outcome.problems().toString());
        }
    }

    @Test
    void validChangeAfterABrokenOne_isPickedUp() throws IOException {
        PolicyFixture f = new PolicyFixture(dir);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ReloadingEngineSource source = ReloadingEngineSource.start(f.config, registry, ReloadOptions.manual())) {
            f.breakRbac();
            assertFalse(source.reload().succeeded());
            f.grant(7);
            ReloadOutcome outcome = source.reload();

            assertTrue(outcome.succeeded(), outcome.problems().toString());
            assertEquals(2, source.generation());
            try (EngineLease lease = source.acquire()) {
                assertEquals(Verdict.ALLOW, ask(lease.engine(), 7).verdict());
                assertEquals(Verdict.DENY, ask(lease.engine(), 0).verdict());
            }
            assertEquals(1.0, registry.get("palisade.policy.reloads").tag("result", "success").counter().count());
            assertEquals(2.0, registry.get("palisade.policy.generation").gauge().value());
            for (int i = 0; i < 3; i++) {
                System.gc(); // gauges must not hold their state weakly: this read NaN on /metrics once collected
            }
            assertEquals(2.0, registry.get("palisade.policy.generation").gauge().value());
            // the replaced engine is closed on the source's worker thread, not the one that released it
            eventually(() -> registry.get("palisade.policy.engines.open").gauge().value() == 1.0,
                    "the replaced engine is closed and the gauge says so");
        }
    }

    @Test
    void brokenConfiguration_keepsWatchingWhatItWatchedAndRecovers() throws IOException {
        PolicyFixture f = new PolicyFixture(dir);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ReloadingEngineSource source = ReloadingEngineSource.start(f.config, registry, FAST)) {
            Files.writeString(f.config, PolicyFixture.CONFIG.replace("rbac/", "no-such-folder/"));
            eventually(() -> registry.get("palisade.policy.reloads").tag("result", "failure").counter().count() >= 1,
                    "the broken configuration is tried");
            assertTrue(source.watched().contains(f.rbac), "a configuration that does not load keeps the old watch set");
            Files.writeString(f.config, PolicyFixture.CONFIG);
            f.grant(3);
            eventually(() -> source.generation() == 2, "the repaired configuration is built");
        }
    }

    @Test
    void fileAddedToAFolder_isNoticed() throws IOException {
        PolicyFixture f = new PolicyFixture(dir);
        try (ReloadingEngineSource source = ReloadingEngineSource.start(f.config, new SimpleMeterRegistry(), FAST)) {
            Files.writeString(f.rbac.resolve("more.yaml"), PolicyFixture.binding(9).replace("name: readers", "name: more-readers"));
            eventually(() -> source.generation() == 2, "a file added to the RBAC folder is picked up");
            try (EngineLease lease = source.acquire()) {
                assertEquals(Verdict.ALLOW, ask(lease.engine(), 9).verdict());
            }
        }
    }

    @Test
    void fileRemovedFromAFolder_isNoticed() throws IOException {
        PolicyFixture f = new PolicyFixture(dir);
        try (ReloadingEngineSource source = ReloadingEngineSource.start(f.config, new SimpleMeterRegistry(), FAST)) {
            Files.delete(f.rbac.resolve("binding.yaml"));
            eventually(() -> source.generation() == 2, "a file removed from the RBAC folder is picked up");
            try (EngineLease lease = source.acquire()) {
                assertEquals(Verdict.DENY, ask(lease.engine(), 0).verdict());
            }
        }
    }

    @Test
    void policyFileChangedInPlace_isNoticed() throws IOException {
        PolicyFixture f = new PolicyFixture(dir);
        try (ReloadingEngineSource source = ReloadingEngineSource.start(f.config, new SimpleMeterRegistry(), FAST)) {
            Files.writeString(f.policies.resolve("guard-rails.pal"), PolicyFixture.POLICY.replace("\"secrets\"", "\"pods\""));
            eventually(() -> source.generation() == 2, "an edited policy file is picked up");
            try (EngineLease lease = source.acquire()) {
                assertEquals(Verdict.DENY, lease.engine().authorize(PolicyFixture.getPods("user-0", "interns")).verdict());
            }
        }
    }

    /**
     * The layout kubelet writes for a ConfigMap volume, updated as kubelet updates it: a new
     * timestamped folder, a {@code ..data_tmp} link renamed over {@code ..data}, the old folder removed.
     */
    @Test
    void configMapUpdate_swappingTheDataLink_isNoticed() throws IOException {
        Path mount = dir.resolve("etc-palisade");
        Path v1 = mount.resolve("..2025_01_01_00_00_00.000000001");
        new PolicyFixture(v1);
        Files.createSymbolicLink(mount.resolve("..data"), v1.getFileName());
        for (String entry : new String[] {"palisade.yaml", "policies", "rbac"}) {
            Files.createSymbolicLink(mount.resolve(entry), Path.of("..data", entry));
        }
        try (ReloadingEngineSource source = ReloadingEngineSource.start(mount.resolve("palisade.yaml"), new SimpleMeterRegistry(), FAST)) {
            try (EngineLease lease = source.acquire()) {
                assertEquals(Verdict.ALLOW, ask(lease.engine(), 0).verdict());
            }
            Path v2 = mount.resolve("..2025_01_01_00_01_00.000000002");
            new PolicyFixture(v2).grant(5);
            Files.createSymbolicLink(mount.resolve("..data_tmp"), v2.getFileName());
            Files.move(mount.resolve("..data_tmp"), mount.resolve("..data"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            deleteTree(v1);

            eventually(() -> source.generation() == 2, "the swapped ..data link is picked up");
            try (EngineLease lease = source.acquire()) {
                assertEquals(Verdict.ALLOW, ask(lease.engine(), 5).verdict());
                assertEquals(Verdict.DENY, ask(lease.engine(), 0).verdict());
            }
        }
    }

    @Test
    void burstOfWrites_isBuiltOnceItSettles() throws IOException, InterruptedException {
        PolicyFixture f = new PolicyFixture(dir);
        ReloadOptions slowToSettle = new ReloadOptions(Duration.ofMillis(50), Duration.ofMillis(400), false);
        try (ReloadingEngineSource source = ReloadingEngineSource.start(f.config, new SimpleMeterRegistry(), slowToSettle)) {
            for (int n = 1; n <= 5; n++) {
                f.grant(n);
                Thread.sleep(60);
            }
            eventually(() -> source.generation() >= 2, "the burst is built");
            Thread.sleep(600);
            assertEquals(2, source.generation(), "five writes within the debounce period are one reload");
            try (EngineLease lease = source.acquire()) {
                assertEquals(Verdict.ALLOW, ask(lease.engine(), 5).verdict());
            }
        }
    }

    @Test
    void sighup_reloads() throws IOException {
        PolicyFixture f = new PolicyFixture(dir);
        ReloadOptions onlySighup = new ReloadOptions(Duration.ofDays(1), Duration.ZERO, true);
        try (ReloadingEngineSource source = ReloadingEngineSource.start(f.config, new SimpleMeterRegistry(), onlySighup)) {
            assumeTrue(source.sighupInstalled(), "SIGHUP cannot be handled here: no sun.misc.Signal on this platform, or the"
                    + " process inherited SIGHUP as ignored (run under nohup); file watching covers reloads");
            f.grant(2);
            HangupSignal.raise();
            eventually(() -> source.generation() == 2, "SIGHUP rebuilt the engine");
        }
    }

    @Test
    void metrics_areExposedUnderTheirPrometheusNames() throws IOException {
        PolicyFixture f = new PolicyFixture(dir);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (ReloadingEngineSource source = ReloadingEngineSource.start(f.config, registry, ReloadOptions.manual())) {
            f.grant(1);
            source.reload();
            f.breakRbac();
            source.reload();
            eventually(() -> source.enginesOpen() == 1, "the replaced engine is closed (on the source's worker thread)");
            String text = registry.scrape();
            for (String line : new String[] {
                    "palisade_policy_reloads_total{result=\"success\"} 1.0",
                    "palisade_policy_reloads_total{result=\"failure\"} 1.0",
                    "palisade_policy_generation 2.0",
                    "palisade_policy_last_reload_success 0.0",
                    "palisade_policy_engines_open 1.0"}) {
                assertTrue(text.contains(line), line + " in\n" + text);
            }
            assertTrue(text.contains("palisade_policy_last_reload_timestamp_seconds "), text);
            assertTrue(text.contains("palisade_policy_reload_seconds_count{result=\"failure\"} 1"), text);
        }
    }

    @Test
    void close_closesTheCurrentEngineAndRefusesLeases() throws IOException {
        PolicyFixture f = new PolicyFixture(dir);
        ReloadingEngineSource source = ReloadingEngineSource.start(f.config, new SimpleMeterRegistry(), FAST);
        source.close();
        assertFalse(source.ready());
        assertEquals(0, source.enginesOpen());
        assertThrows(IllegalStateException.class, source::acquire);
        source.close();
    }

    static void eventually(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
