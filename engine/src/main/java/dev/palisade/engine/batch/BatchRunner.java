package dev.palisade.engine.batch;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.AdmissionPlugin;
import dev.palisade.engine.authz.Authorizer;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replays audit logs against a policy engine: {@code reader → workers (parse + judge) → ordered
 * report}. The reader cuts the logs into chunks of lines; workers parse and judge chunks in
 * parallel; the calling thread takes the results back in chunk order, so that output is the
 * same whatever the scheduling. At most {@code 4 × workers} chunks (of ≤ 256 lines, ~1 MiB)
 * are in flight, so memory stays bounded however long the logs are.
 */
public final class BatchRunner {
    /** How many recent requests stage events are merged across (see {@link RequestTracker}). */
    static final int DEDUPE_WINDOW = 100_000;
    private final PolicyEngine engine;
    private final int workers;
    private final int examples;
    private final int top;
    private final List<String> admissionPlugins;

    public BatchRunner(PolicyEngine engine) {
        this(engine, Runtime.getRuntime().availableProcessors(), 10, 10,
                engine.admissionPlugins().stream().map(AdmissionPlugin::describe).toList());
    }

    private BatchRunner(PolicyEngine engine, int workers, int examples, int top, List<String> admissionPlugins) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        this.engine = engine;
        this.workers = workers;
        this.examples = examples;
        this.top = top;
        this.admissionPlugins = List.copyOf(admissionPlugins);
    }

    public BatchRunner workers(int n) {
        return new BatchRunner(engine, n, examples, top, admissionPlugins);
    }

    /** How many flip examples per direction the report keeps (malformed lines: ten times that). */
    public BatchRunner examples(int n) {
        return new BatchRunner(engine, workers, n, top, admissionPlugins);
    }

    /** How many entries the top-denied lists have. */
    public BatchRunner top(int n) {
        return new BatchRunner(engine, workers, examples, n, admissionPlugins);
    }

    /**
     * Writes whose body the log has are replayed through the engine's admission plugins after
     * authorization (a deny there denies the request) whenever the engine has any; this renames
     * them in the report, and an empty list judges authorization only.
     */
    public BatchRunner admission(List<String> pluginNames) {
        return new BatchRunner(engine, workers, examples, top, pluginNames);
    }

    public BatchReport run(List<LogSource> sources, BatchListener listener) throws InterruptedException {
        List<String> notes = notes(engine);
        boolean memoise = memoises(engine);
        boolean admission = !admissionPlugins.isEmpty();
        ReportBuilder report = new ReportBuilder(sources.stream().map(LogSource::name).toList(), examples,
                admissionPlugins, notes, new RequestTracker.Sink() {
                    @Override public void request(JudgedRequest r) { listener.request(r); }
                    @Override public void merged(StageEvent e) { }
                    @Override public void reusedAuditId(StageEvent e) { }
                });
        RequestTracker tracker = new RequestTracker(report, DEDUPE_WINDOW);
        BlockingQueue<Future<Processed>> inFlight = new ArrayBlockingQueue<>(4 * workers);
        Future<Processed> end = CompletableFuture.completedFuture(null);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "palisade-batch-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<ChunkWorker> worker = ThreadLocal.withInitial(() -> new ChunkWorker(engine, memoise, admission));
        Throwable[] readerFailure = new Throwable[1];
        LogReader reader = new LogReader(chunk -> inFlight.put(pool.submit(
                () -> new Processed(worker.get().process(chunk), chunk.count(), chunk.progressBytes()))), engine.limits());
        Thread readerThread = new Thread(() -> {
            try {
                for (LogSource source : sources) {
                    reader.read(source);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                readerFailure[0] = e;
            } finally {
                try {
                    inFlight.put(end);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "palisade-batch-reader");
        readerThread.setDaemon(true);
        readerThread.start();
        try {
            Future<Processed> next;
            while ((next = inFlight.take()) != end) {
                Processed done = get(next);
                report.records += done.lines();
                for (Outcome o : done.outcomes()) {
                    if (o instanceof Problem p) {
                        report.problem(p);
                        listener.problem(p);
                    } else if (o instanceof JudgedEvent e) {
                        report.event(e);
                        tracker.offer(e);
                    }
                }
                listener.progress(done.progressBytes(), report.events);
            }
            tracker.finish();
        } finally {
            readerThread.interrupt();
            pool.shutdownNow();
        }
        readerThread.join();
        if (readerFailure[0] != null) {
            throw new IllegalStateException("reading the logs failed: " + readerFailure[0], readerFailure[0]);
        }
        return report.build(top);
    }

    /** Memoise only when every authorizer is a pure function of the request (no webhook). */
    static boolean memoises(PolicyEngine engine) {
        return engine.authorizers().stream().allMatch(Authorizer::pure);
    }

    /** What the report says about how the run judged. */
    static List<String> notes(PolicyEngine engine) {
        String impure = engine.authorizers().stream().filter(a -> !a.pure()).map(Authorizer::name)
                .findFirst().orElse(null);
        return impure == null ? List.of() : List.of("decisions not memoised: authorizer \"" + impure
                + "\" is not a pure function of the request (a webhook may answer differently each time)");
    }

    private static Processed get(Future<Processed> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            // ChunkWorker turns every per-line failure into a Problem; reaching here is a bug
            throw new IllegalStateException("batch worker failed: " + e.getCause(), e.getCause());
        }
    }

    /** A chunk's outcomes and where the reading was when it was cut. */
    private record Processed(List<Outcome> outcomes, int lines, long progressBytes) {
    }
}
