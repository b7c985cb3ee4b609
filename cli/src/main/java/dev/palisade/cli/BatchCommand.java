package dev.palisade.cli;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.batch.BatchListener;
import dev.palisade.engine.batch.BatchReport;
import dev.palisade.engine.batch.BatchRunner;
import dev.palisade.engine.batch.CsvReportWriter;
import dev.palisade.engine.batch.EventsWriter;
import dev.palisade.engine.batch.HtmlReportWriter;
import dev.palisade.engine.batch.JsonReportWriter;
import dev.palisade.engine.batch.LogSource;
import dev.palisade.engine.batch.Problem;

import dev.palisade.engine.batch.TextReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code palisade batch -c CONFIG LOG...}: replays Kubernetes audit logs against the configured
 * policy and reports what it would have changed. Malformed lines are reported on stderr (with
 * file:line) and skipped; they do not change the exit code. Exit 1 only with
 * {@code --fail-on-flip} when an allowed request would now be denied; 2 for usage, config or
 * unreadable-input errors, and when the rest of an input could not be read (a broken
 * pretty-printed document, a truncated gzip): a gate must not pass on what it never saw.
 */
@Command(name = "batch", description = "Replay Kubernetes audit logs (audit.k8s.io/v1, v1beta1; JSON lines or EventList, "
        + "plain or gzip) against the policy: decisions, flips, top denials.")
final class BatchCommand implements Callable<Integer> {
    enum Format { text, json, csv, html }

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "CONFIG", description = "palisade.yaml")
    Path config;

    @Parameters(arity = "1..*", paramLabel = "LOG", description = "Audit log files (plain or gzip) or folders of them; '-' reads stdin.")
    List<String> logs;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--events", paramLabel = "FILE",
            description = "Also write one JSON line per judged request, in input order, to FILE ('-': standard output; "
                    + "the report then goes to standard error).")
    String events; // a String, not a Path: with --spark it may be a URI (hdfs://nn/out), which a Path would make hdfs:/nn/out

    @Option(names = "--fail-on-flip", description = "Exit 1 when a request the cluster allowed would now be denied.")
    boolean failOnFlip;

    @Option(names = "--workers", paramLabel = "N", description = "Parse-and-judge threads (default: one per core).")
    Integer workers;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "10",
            description = "Flip examples shown per direction (default: ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "Entries in the top-denied lists (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--no-progress", description = "No progress bar, even on a terminal.")
    boolean noProgress;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Replay on Apache Spark instead (e.g. local[*], local[2], spark://host:7077): the same answers; "
                    + "LOG may also be a glob or an hdfs:/s3a: path; --events then names a folder (JSON lines, or Parquet "
                    + "when it ends in .parquet). Needs ./palisade, which adds the spark module to the class path.")
    String spark;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        requireAtLeast("--workers", workers, 1);
        requireAtLeast("--top", top, 0);
        requireAtLeast("--examples", examples, 0);
        if (spark != null) {
            return onSpark(out, err);
        }
        List<LogSource> sources = LogArguments.sources(logs, err).orElse(null);
        if (sources == null) {
            return PalisadeCommand.INPUT_ERROR;
        }
        PolicyEngine engine = ConfiguredEngine.load(config, err).orElse(null);
        if (engine == null) {
            return PalisadeCommand.INPUT_ERROR;
        }
        BatchRunner runner = new BatchRunner(engine).examples(examples).top(top);
        if (workers != null) {
            runner = runner.workers(workers);
        }
        List<BatchListener> listeners = new ArrayList<>();
        boolean[] incomplete = new boolean[1];
        listeners.add(new BatchListener() {
            @Override
            public void problem(Problem p) {
                err.println(p.render());
                incomplete[0] |= p.restSkipped();
            }
        });
        EventsWriter eventsWriter = null;
        TerminalProgress progress = null;
        BatchReport report;
        try {
            if (eventsToStdout()) {
                eventsWriter = new EventsWriter(new java.io.FilterOutputStream(System.out) {
                    @Override
                    public void close() throws IOException {
                        flush(); // standard output stays open
                    }
                });
                listeners.add(eventsWriter);
            } else if (events != null) {
                eventsWriter = new EventsWriter(Files.newOutputStream(Path.of(events)), events);
                listeners.add(eventsWriter);
            }
            if (ProgressDecision.forThisProcess().show(noProgress)) {
                progress = new TerminalProgress(System.err, totalSize(sources));
                listeners.add(progress);
            }
            report = runner.run(sources, BatchListener.all(listeners));
        } finally {
            if (progress != null) {
                progress.close();
            }
            if (eventsWriter != null) {
                eventsWriter.close();
            }
            err.flush();
        }
        PrintWriter reportOut = eventsToStdout() ? err : out; // stdout carries the events
        return finish(report, reportOut, err, incomplete[0]);
    }

    private int finish(BatchReport report, PrintWriter reportOut, PrintWriter err, boolean incomplete) throws IOException {
        switch (format) {
            case json -> JsonReportWriter.write(report, reportOut);
            case csv -> CsvReportWriter.write(report, reportOut);
            case html -> HtmlReportWriter.write(report, reportOut);
            default -> TextReportWriter.write(report, reportOut);
        }
        reportOut.flush();
        if (incomplete) {
            // part of an input could not be read: the report cannot vouch for what it did not see
            err.println("incomplete: part of the input could not be read (see above); exit 2");
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        return failOnFlip && report.newlyDenied() > 0 ? PalisadeCommand.FINDINGS : PalisadeCommand.OK;
    }

    /**
     * {@code --spark MASTER}: the palisade-spark job, found on the class path at run time (the CLI
     * jar stays free of Spark; {@code ./palisade} adds the module and Spark when it sees the option).
     */
    private int onSpark(PrintWriter out, PrintWriter err) throws IOException {
        if (logs.contains(LogSource.STDIN) || eventsToStdout()) {
            throw new ParameterException(spec.commandLine(), "--spark reads files, folders or globs, not standard input, "
                    + "and writes --events to a folder, not standard output");
        }
        if (workers != null) {
            throw new ParameterException(spec.commandLine(), "--workers is for the single-process replay; Spark's master sets "
                    + "the cores (e.g. --spark local[2])");
        }
        PolicyEngine engine = ConfiguredEngine.load(config, err).orElse(null);
        if (engine == null) {
            return PalisadeCommand.INPUT_ERROR;
        }
        Object result;
        // the bar, made once the job knows the inputs' size (globs, hdfs: paths): the map side's bytes and events
        TerminalProgress[] bar = new TerminalProgress[1];
        java.util.function.LongFunction<BatchListener> progress = ProgressDecision.forThisProcess().show(noProgress)
                ? total -> bar[0] = new TerminalProgress(System.err, total) : null;
        try {
            Class<?> job = Class.forName("dev.palisade.spark.SparkBatch");
            result = job.getMethod("runWithMaster", String.class, Path.class, PolicyEngine.class, List.class, int.class,
                    int.class, String.class, PrintWriter.class, java.util.function.LongFunction.class)
                    .invoke(null, spark, config, engine, logs, examples, top, events, err, progress);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            err.println("palisade: --spark needs the palisade-spark module and Spark on the class path; "
                    + "run it through ./palisade, which adds them (" + e.getMessage() + ")");
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException || cause instanceof IOException) {
                err.println(cause.getMessage()); // a missing input, an events folder that exists, ...
                err.flush();
                return PalisadeCommand.INPUT_ERROR;
            }
            throw new IllegalStateException("the Spark replay failed: " + firstLine(cause) + rootCause(cause), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("palisade-spark does not match this CLI: " + e, e);
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
        }
        try {
            BatchReport report = (BatchReport) result.getClass().getMethod("report").invoke(result);
            long incomplete = (Long) result.getClass().getMethod("incompleteInputs").invoke(result);
            return finish(report, out, err, incomplete > 0);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("palisade-spark does not match this CLI: " + e, e);
        }
    }

    /** Spark's messages can go on for lines (a stage's failure carries its task's stack trace). */
    private static String firstLine(Throwable t) {
        return t.toString().lines().findFirst().orElse("");
    }

    /** What a failure came from, when it is not the failure itself: the reason, where Spark's message is only a symptom. */
    static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? "" : " (caused by " + firstLine(root) + ")";
    }

    private static long totalSize(List<LogSource> sources) {
        long total = 0;
        for (LogSource s : sources) {
            long size = s.size();
            if (size < 0) {
                return -1;
            }
            total += size;
        }
        return total;
    }

    private void requireAtLeast(String option, Integer value, int least) {
        if (value != null && value < least) {
            throw new ParameterException(spec.commandLine(), option + " must be at least " + least + ", not " + value);
        }
    }

    private boolean eventsToStdout() {
        return "-".equals(events);
    }
}
