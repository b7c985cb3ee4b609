package dev.palisade.server.reload;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.config.ConfigException;
import dev.palisade.engine.config.ConfigLoader;
import dev.palisade.server.EngineLease;
import dev.palisade.server.EngineSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of a configuration file, rebuilt whenever the file or anything it references changes
 * (and on SIGHUP), never half-built: a new engine is built off the request path, on this source's
 * one daemon thread, and swapped in atomically. Requests keep the engine they leased until they
 * end; a replaced engine is closed when its last lease is released. A change that does not load
 * leaves the last good engine serving, is logged with its places ({@code file:line:col}) and is
 * counted; the source stays ready.
 *
 * <p>Watching is by polling a {@link FileFingerprint} of the configuration's
 * {@link dev.palisade.engine.config.Configuration#watchedPaths() watched paths}, not by a
 * {@code WatchService}: a Kubernetes ConfigMap or Secret update swaps a {@code ..data} symbolic
 * link in the mount's parent folder, which an inotify watch on the referenced folder or file never
 * reports; inotify also needs a watch per subfolder, drops events on overflow, and is emulated by
 * polling (every 2-10 s) on other platforms anyway. Fingerprinting a policy set is a
 * few milliseconds, so polling twice a second is cheap, sees every kind of change the same way,
 * and keeps a valid change serving within about a second.
 */
public final class ReloadingEngineSource implements EngineSource {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingEngineSource.class);
    /** How many times a still-changing set of files is waited for before it is built anyway. */
    private static final int MAX_SETTLE_ROUNDS = 20;

    private final Path configFile;
    private final Function<Path, PolicyEngine> builder;
    private final ReloadOptions options;
    private final ScheduledExecutorService worker;
    private final Object reloadLock = new Object();
    private final Queue<Generation> toClose = new ConcurrentLinkedQueue<>();
    private final AtomicInteger enginesOpen = new AtomicInteger();
    private final ReloadMetrics metrics;
    private volatile Generation current;
    private volatile long generation;
    private volatile boolean closed;
    private volatile boolean sighupInstalled;
    /** Touched by the reload lock's holder only. */
    private List<Path> watched;
    private FileFingerprint lastSeen;

    private ReloadingEngineSource(Path configFile, MeterRegistry registry, ReloadOptions options,
                                  Function<Path, PolicyEngine> builder) {
        this.configFile = Objects.requireNonNull(configFile, "configFile");
        this.options = Objects.requireNonNull(options, "options");
        this.builder = builder;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "palisade-policy-reload");
            t.setDaemon(true);
            return t;
        });
        this.metrics = new ReloadMetrics(registry, () -> generation, enginesOpen::get);
    }

    /**
     * Builds the first engine of {@code configFile} and starts watching it with the
     * {@link ReloadOptions#defaults() defaults}.
     *
     * @throws ConfigException when the first engine cannot be built: every problem with its place.
     *                         Nothing is left running; {@code serve} prints them and exits 2.
     */
    public static ReloadingEngineSource start(Path configFile, MeterRegistry registry) {
        return start(configFile, registry, ReloadOptions.defaults());
    }

    /** As {@link #start(Path, MeterRegistry)} with the given watch options. */
    public static ReloadingEngineSource start(Path configFile, MeterRegistry registry, ReloadOptions options) {
        return start(configFile, registry, options, PolicyEngine::fromConfig);
    }

    /** With another way to build an engine from the configuration file (tests count what is built). */
    static ReloadingEngineSource start(Path configFile, MeterRegistry registry, ReloadOptions options,
                                       Function<Path, PolicyEngine> builder) {
        ReloadingEngineSource source = new ReloadingEngineSource(configFile, registry, options, builder);
        try {
            source.buildFirst();
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        source.startWatching();
        return source;
    }

    private void buildFirst() {
        synchronized (reloadLock) {
            List<Path> before = watchedPaths(List.of(configFile));
            FileFingerprint seen = FileFingerprint.of(before);
            PolicyEngine engine;
            try {
                engine = builder.apply(configFile);
            } catch (ConfigException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                throw new ConfigException(configFile + ": cannot build the policy engine: " + describe(e));
            }
            install(engine);
            watch(before, before, seen);
            LOG.info("policy generation 1 serving; watching {} for changes", watched);
        }
    }

    private void startWatching() {
        long every = options.pollInterval().toMillis();
        worker.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
        if (options.reloadOnSighup()) {
            sighupInstalled = HangupSignal.install(this::reloadSoon);
        }
    }

    /** Asks for a reload on the reload thread (what SIGHUP does); returns at once. */
    public void reloadSoon() {
        try {
            worker.execute(this::reloadLogged);
        } catch (RejectedExecutionException e) {
            LOG.debug("reload requested after close; ignored");
        }
    }

    /**
     * Builds the configuration again now, on the calling thread, and swaps the new engine in if it
     * builds; otherwise the current engine keeps serving. Safe to call from any thread: reloads run
     * one at a time.
     */
    public ReloadOutcome reload() {
        synchronized (reloadLock) {
            if (closed) {
                throw new IllegalStateException("the engine source is closed");
            }
            FileFingerprint seen = FileFingerprint.of(watched);
            List<Path> watching = watched;
            long started = System.nanoTime();
            PolicyEngine engine = null;
            List<String> problems = List.of();
            try {
                engine = builder.apply(configFile);
            } catch (ConfigException e) {
                problems = e.problems();
            } catch (RuntimeException | StackOverflowError e) {
                problems = List.of(configFile + ": cannot build the policy engine: " + describe(e));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (engine != null) {
                install(engine);
                LOG.info("policy reloaded: generation {} serving (built in {} ms)", generation, took.toMillis());
            } else {
                LOG.error("policy reload failed; generation {} keeps serving:\n{}", generation, String.join("\n", problems));
            }
            metrics.recorded(engine != null, took, System.currentTimeMillis());
            // the configuration may now reference other files; a broken one keeps the old set (and itself) watched
            watch(watchedPaths(watching), watching, seen);
            return new ReloadOutcome(engine != null, generation, problems, took);
        }
    }

    /** The watch set of the configuration as it now reads; when it does not read, {@code fallback}. */
    private List<Path> watchedPaths(List<Path> fallback) {
        try {
            return ConfigLoader.load(configFile).watchedPaths();
        } catch (RuntimeException e) {
            List<Path> out = new ArrayList<>(fallback);
            if (!out.contains(configFile)) {
                out.add(0, configFile);
            }
            return out;
        }
    }

    /**
     * Watches {@code paths} from now on. {@code seen} is what {@code fingerprinted} looked like before
     * the build: when the set is the same, a change made during the build still differs from it and
     * is picked up by the next poll; a new set is fingerprinted afresh.
     */
    private void watch(List<Path> paths, List<Path> fingerprinted, FileFingerprint seen) {
        lastSeen = paths.equals(fingerprinted) ? seen : FileFingerprint.of(paths);
        watched = List.copyOf(paths);
    }

    private void install(PolicyEngine engine) {
        enginesOpen.incrementAndGet();
        Generation next = new Generation(engine, generation + 1, this::retire);
        Generation old = current;
        current = next;
        generation = next.number;
        if (old != null) {
            old.release(); // drops its being current; closed now or when its last request ends
        }
    }

    private void poll() {
        try {
            List<Path> paths;
            FileFingerprint seen;
            synchronized (reloadLock) {
                if (closed) {
                    return;
                }
                paths = watched;
                seen = lastSeen;
            }
            FileFingerprint now = FileFingerprint.of(paths);
            if (now.equals(seen)) {
                return;
            }
            // wait until the files stay still for the debounce period: one build per burst of writes
            for (int round = 0; round < MAX_SETTLE_ROUNDS; round++) {
                Thread.sleep(options.debounce().toMillis());
                FileFingerprint again = FileFingerprint.of(paths);
                if (again.equals(now)) {
                    break;
                }
                now = again;
            }
            if (!closed) {
                reload();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | StackOverflowError e) {
            // the watch must go on whatever one round met
            LOG.error("policy watch round failed: {}", describe(e));
        }
    }

    private void reloadLogged() {
        try {
            if (!closed) {
                reload();
            }
        } catch (RuntimeException e) {
            LOG.error("policy reload failed: {}", describe(e));
        }
    }

    /** Called by the last release of a generation; closes its engine off the request's thread where it can. */
    private void retire(Generation g) {
        toClose.add(g);
        try {
            worker.execute(this::closeRetired);
        } catch (RejectedExecutionException e) {
            closeRetired();
        }
    }

    private void closeRetired() {
        for (Generation g; (g = toClose.poll()) != null; ) {
            try {
                g.engine.close();
            } catch (RuntimeException e) {
                LOG.warn("closing policy generation {} failed: {}", g.number, describe(e));
            } finally {
                g.markClosed();
                enginesOpen.decrementAndGet();
            }
        }
    }

    @Override
    public EngineLease acquire() {
        while (true) {
            Generation g = current;
            if (g == null) {
                throw new IllegalStateException(closed ? "the engine source is closed" : "no policy engine was built yet");
            }
            if (g.tryHold()) {
                return new Lease(g);
            }
            // lost the race with a swap: that generation is retiring, take the new one
        }
    }

    @Override
    public boolean ready() {
        return current != null;
    }

    @Override
    public long generation() {
        return generation;
    }

    /** Engines built and not yet closed (1 in a steady state). */
    int enginesOpen() {
        return enginesOpen.get();
    }

    /** True when SIGHUP reloads this source. */
    boolean sighupInstalled() {
        return sighupInstalled;
    }

    /** What the watcher watches now. */
    List<Path> watched() {
        synchronized (reloadLock) {
            return watched;
        }
    }

    /**
     * Stops watching and lets the current engine go: it is closed at once, or when the last request
     * still holding it ends. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Generation last;
        synchronized (reloadLock) {
            last = current;
            current = null;
        }
        if (last != null) {
            last.release();
        }
        closeRetired(); // what the stopped worker had not closed yet
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** One request's hold; closing it more than once releases once. */
    static final class Lease implements EngineLease {
        private final Generation generation;
        private final AtomicBoolean released = new AtomicBoolean();

        Lease(Generation generation) {
            this.generation = generation;
        }

        @Override
        public PolicyEngine engine() {
            return generation.engine;
        }

        @Override
        public long generation() {
            return generation.number;
        }

        /** True once the leased engine was closed: never while this lease is open. */
        boolean engineClosed() {
            return generation.closed();
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                generation.release();
            }
        }
    }
}
