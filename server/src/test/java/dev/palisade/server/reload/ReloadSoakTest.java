package dev.palisade.server.reload;

import static dev.palisade.server.reload.ReloadingEngineSourceTest.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.testing.RetainedHeap;
import dev.palisade.server.EngineLease;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reload soak of issue 13: two clients keep asking through the source while the RBAC folder
 * changes 100 times (every fourth change broken), watched as {@code palisade serve} watches
 * (500 ms polls, 250 ms debounce). No request fails (no exception, no error decision, no engine
 * closed under it), every valid change decides within 2 s of being written, the heap stays flat.
 */
class ReloadSoakTest {
    static final int CHANGES = 100;
    static final Duration VISIBLE_WITHIN = Duration.ofSeconds(2);
    static final long SLACK_BYTES = 16L << 20;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void twoClientsWhileTheRbacFolderChangesAHundredTimes() throws Exception {
        PolicyFixture f = new PolicyFixture(dir);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ReloadOptions asServed = new ReloadOptions(ReloadOptions.defaults().pollInterval(), ReloadOptions.defaults().debounce(), false);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong requests = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Long> visibleMillis = new ArrayList<>();
        try (ReloadingEngineSource source = ReloadingEngineSource.start(f.config, registry, asServed)) {
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                Thread t = new Thread(() -> ask(source, stop, requests, failures), "soak-client-" + c);
                t.start();
                clients.add(t);
            }
            long start = 0;
            int broken = 0;
            for (int n = 1; n <= CHANGES; n++) {
                if (n == 6) {
                    start = RetainedHeap.bytes(); // after a few reloads have warmed everything up
                }
                if (n % 4 == 0) {
                    double failed = failures(registry);
                    f.breakRbac();
                    broken++;
                    eventually(() -> failures(registry) > failed, "broken change " + n + " is tried and refused");
                    continue;
                }
                long written = System.nanoTime();
                f.grant(n);
                int granted = n;
                long deadline = written + VISIBLE_WITHIN.toNanos() * 3;
                while (!serves(source, granted) && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                long took = (System.nanoTime() - written) / 1_000_000;
                visibleMillis.add(took);
                assertTrue(took <= VISIBLE_WITHIN.toMillis(), "change " + n + " visible after " + took + " ms");
            }
            stop.set(true);
            for (Thread t : clients) {
                t.join(10_000);
            }
            eventually(() -> source.enginesOpen() == 1, "every replaced engine closed");
            long end = RetainedHeap.bytes();

            Collections.sort(visibleMillis);
            System.out.printf("reload soak: %d changes (%d broken), %d requests from 2 clients, %d failed; "
                            + "write-to-visible p50 %d ms, max %d ms; build mean %.1f ms, max %.1f ms; "
                            + "retained heap start %s, end %s%n",
                    CHANGES, broken, requests.get(), failures.size(), visibleMillis.get(visibleMillis.size() / 2),
                    visibleMillis.get(visibleMillis.size() - 1),
                    registry.get("palisade.policy.reload").tag("result", "success").timer().mean(TimeUnit.MILLISECONDS),
                    registry.get("palisade.policy.reload").tag("result", "success").timer().max(TimeUnit.MILLISECONDS),
                    RetainedHeap.mib(start), RetainedHeap.mib(end));

            assertEquals(List.of(), new ArrayList<>(failures));
            assertTrue(requests.get() > 1000, "the clients kept asking: " + requests.get());
            assertEquals(broken, (int) failures(registry));
            assertEquals(CHANGES - broken, (int) registry.get("palisade.policy.reloads").tag("result", "success").counter().count());
            assertTrue(end <= start + SLACK_BYTES, "retained heap grew from " + RetainedHeap.mib(start) + " to " + RetainedHeap.mib(end));
        } finally {
            stop.set(true);
        }
    }

    private static double failures(SimpleMeterRegistry registry) {
        return registry.get("palisade.policy.reloads").tag("result", "failure").counter().count();
    }

    private static boolean serves(ReloadingEngineSource source, int n) {
        try (EngineLease lease = source.acquire()) {
            return PolicyFixture.ask(lease.engine(), n).verdict() == Verdict.ALLOW;
        }
    }

    /** One client: asks the guard-rail question and a grant question per lease, forever; records what went wrong. */
    private static void ask(ReloadingEngineSource source, AtomicBoolean stop, AtomicLong requests, ConcurrentLinkedQueue<String> failures) {
        int i = 0;
        while (!stop.get()) {
            try (EngineLease lease = source.acquire()) {
                ReloadingEngineSource.Lease held = (ReloadingEngineSource.Lease) lease;
                Decision guard = lease.engine().authorize(PolicyFixture.getPods("x", "interns"));
                Decision grant = PolicyFixture.ask(lease.engine(), i++ % CHANGES);
                if (held.engineClosed()) {
                    failures.add("generation " + lease.generation() + " was closed under a request");
                }
                for (Decision d : List.of(guard, grant)) {
                    if (!d.errors().isEmpty()) {
                        failures.add("generation " + lease.generation() + ": " + d.errors());
                    }
                }
                requests.addAndGet(2);
            } catch (RuntimeException e) {
                failures.add(e.toString());
            }
            if (i % 64 == 0) {
                LockSupport.parkNanos(1_000_000); // steady traffic, without starving the reload thread of a shared CPU
            }
        }
    }
}
