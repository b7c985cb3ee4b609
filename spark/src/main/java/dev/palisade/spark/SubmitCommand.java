package dev.palisade.spark;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.batch.BatchReport;
import dev.palisade.engine.batch.CsvReportWriter;
import dev.palisade.engine.batch.HtmlReportWriter;
import dev.palisade.engine.batch.JsonReportWriter;
import dev.palisade.engine.batch.TextReportWriter;
import dev.palisade.engine.config.ConfigException;
import dev.palisade.engine.text.Printable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The job as {@code spark-submit} runs it ({@link SparkBatch#main}): the options of {@code
 * palisade batch --spark}, checked before Spark starts; the report on standard output. Exit 0,
 * 1 with {@code --fail-on-flip} and a request now denied, 2 for bad arguments, a configuration
 * or an input that cannot be used (the message names it, with no stack trace).
 */
@Command(name = "palisade-spark", mixinStandardHelpOptions = true,
        customSynopsis = "spark-submit [--master M] --class dev.palisade.spark.SparkBatch palisade-spark-VERSION-cluster.jar "
                + "-c CONFIG [--events OUT[.parquet]] [--format FORMAT] [--examples N] [--top N] [--fail-on-flip] LOG...",
        description = "Replays Kubernetes audit logs against a Palisade configuration on Apache Spark: the same report "
                + "as `palisade batch`.",
        versionProvider = SubmitCommand.Version.class)
final class SubmitCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FINDINGS = 1;
    static final int INPUT_ERROR = 2;

    enum Format { text, json, csv, html }

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "CONFIG",
            description = "palisade.yaml, read on the driver (client mode, or ship it with --files)")
    Path config;

    @Parameters(arity = "1..*", paramLabel = "LOG",
            description = "Audit logs: files, folders or globs, plain or gzip, on any file system Spark reads (hdfs:, s3a:).")
    List<String> logs;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--events", paramLabel = "OUT",
            description = "Also write one record per judged request to the new folder OUT (JSON lines; Parquet when OUT ends in .parquet).")
    String events;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "10",
            description = "Flip examples shown per direction (default: ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "Entries in the top-denied lists (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--fail-on-flip", description = "Exit 1 when a request the cluster allowed would now be denied.")
    boolean failOnFlip;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Spark, asked for once the arguments and the configuration are good: spark-submit's, or a test's. */
    private final Supplier<JavaSparkContext> spark;

    SubmitCommand(Supplier<JavaSparkContext> spark) {
        this.spark = spark;
    }

    /** Runs the command: the exit code (picocli's usage errors are 2, as {@code palisade}'s). */
    static int execute(Supplier<JavaSparkContext> spark, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new SubmitCommand(spark));
        cl.setOut(out).setErr(err).setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("palisade-spark: " + e.getMessage());
            e.getCommandLine().usage(err);
            err.flush();
            return INPUT_ERROR;
        });
        cl.setExecutionExceptionHandler((e, command, parsed) -> {
            // what a person can act on: a missing log, an events folder that exists, an unreadable configuration
            if (e instanceof IllegalArgumentException || e instanceof IOException) {
                err.println("palisade-spark: " + e.getMessage());
                err.flush();
                return INPUT_ERROR;
            }
            throw e;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (examples < 0 || top < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    (examples < 0 ? "--examples" : "--top") + " must be 0 or more");
        }
        PolicyEngine engine;
        try {
            engine = PolicyEngine.fromConfig(config); // before Spark starts: a bad configuration fails fast
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println(Printable.escapeLines(p)));
            err.flush();
            return INPUT_ERROR;
        }
        JavaSparkContext sc = spark.get();
        SparkBatch.Result r = SparkBatch.run(sc, SparkBatch.sessionWhenAsked(sc), config, engine, logs,
                SparkBatch.Options.of(examples, top, events));
        SparkBatch.printProblems(r, err);
        BatchReport report = r.report();
        switch (format) {
            case json -> JsonReportWriter.write(report, out);
            case csv -> CsvReportWriter.write(report, out);
            case html -> HtmlReportWriter.write(report, out);
            case text -> TextReportWriter.write(report, out);
        }
        out.flush();
        if (r.incompleteInputs() > 0) {
            err.println("incomplete: " + r.incompleteInputs() + " input part(s) could not be read to their end; exit 2");
            err.flush();
            return INPUT_ERROR;
        }
        return failOnFlip && report.newlyDenied() > 0 ? FINDINGS : OK;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SubmitCommand.class.getPackage().getImplementationVersion();
            return new String[] {"palisade-spark " + (v == null ? "(unknown: not run from its jar)" : v)};
        }
    }
}
