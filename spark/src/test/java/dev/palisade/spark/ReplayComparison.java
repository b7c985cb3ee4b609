package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.batch.BatchListener;
import dev.palisade.engine.batch.BatchReport;
import dev.palisade.engine.batch.BatchRunner;
import dev.palisade.engine.batch.EventsWriter;
import dev.palisade.engine.batch.JsonReportWriter;
import dev.palisade.engine.batch.LogSource;
import dev.palisade.engine.batch.Problem;
import dev.palisade.engine.batch.TextReportWriter;
import dev.palisade.engine.batch.Timeline;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Runs one replay both ways — {@code palisade batch}'s {@link BatchRunner} and {@link SparkBatch}
 * — and compares every per-request line ({@code --events}) and the whole summary.
 */
final class ReplayComparison {
    private ReplayComparison() {}

    /** One way's answers: the report, its --events lines (as files), how many inputs were cut short. */
    /** @param shape how the Spark run was cut (null for the single process) */
    record Answers(BatchReport report, List<Path> eventFiles, long incomplete, SparkBatch.Shape shape) {
    }

    static Answers single(Path config, List<String> logs, Path eventsFile) throws Exception {
        PolicyEngine engine = PolicyEngine.fromConfig(config);
        long[] incomplete = new long[1];
        BatchReport report;
        try (EventsWriter events = new EventsWriter(Files.newOutputStream(eventsFile))) {
            BatchListener count = new BatchListener() {
                @Override
                public void problem(Problem p) {
                    if (p.restSkipped()) {
                        incomplete[0]++;
                    }
                }
            };
            report = new BatchRunner(engine).workers(2).run(logs.stream().map(LogSource::of).toList(),
                    BatchListener.all(List.of(events, count)));
        }
        return new Answers(report, List.of(eventsFile), incomplete[0], null);
    }

    static Answers spark(SparkSession spark, Path config, List<String> logs, Path eventsDir, long splitBytes)
            throws IOException {
        return spark(spark, config, logs, eventsDir, SparkBatch.Options.defaults().withSplitBytes(splitBytes));
    }

    static Answers spark(SparkSession spark, Path config, List<String> logs, Path eventsDir, SparkBatch.Options options)
            throws IOException {
        SparkBatch.Result r = SparkBatch.run(spark, config, logs, options.withEvents(eventsDir.toString()));
        List<Path> parts;
        try (Stream<Path> s = Files.list(eventsDir)) {
            parts = s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
        return new Answers(r.report(), parts, r.incompleteInputs(), r.shape());
    }

    /** Every per-request line and the whole summary are the same. */
    static void assertSame(Answers single, Answers spark, boolean showLines) throws IOException {
        if (showLines) {
            assertEquals(sortedLines(single.eventFiles()), sortedLines(spark.eventFiles()), "per-request --events lines");
        } else {
            long[] a = lineHashes(single.eventFiles());
            long[] b = lineHashes(spark.eventFiles());
            assertEquals(a.length, b.length, "number of per-request lines");
            assertArrayEquals(a, b, "per-request lines (compared by 64-bit digest, each line's MD5)");
        }
        assertEquals(json(single.report()), json(spark.report()), "JSON report");
        assertEquals(text(single.report()), text(spark.report()), "text report");
        assertEquals(single.report(), withTimeline(spark.report(), single.report().timeline()),
                "the report records (examples with their places, rules and reasons)");
        assertEquals(timeline(single.report().timeline()), timeline(spark.report().timeline()), "decisions over time");
        assertEquals(single.incomplete(), spark.incomplete(), "inputs whose rest could not be read");
    }

    static String json(BatchReport r) throws IOException {
        StringWriter s = new StringWriter();
        JsonReportWriter.write(r, new PrintWriter(s));
        return s.toString();
    }

    static String text(BatchReport r) {
        StringWriter s = new StringWriter();
        TextReportWriter.write(r, new PrintWriter(s));
        return s.toString();
    }

    private static String timeline(Timeline t) {
        return t.startMillis() + "/" + t.widthMillis() + " " + Arrays.toString(t.allowed()) + Arrays.toString(t.denied())
                + Arrays.toString(t.flipped()) + " undated " + t.undated();
    }

    private static BatchReport withTimeline(BatchReport r, Timeline t) {
        return new BatchReport(r.inputs(), r.records(), r.events(), r.requests(), r.stagesMerged(), r.recorded(), r.now(),
                r.newlyDenied(), r.newlyAllowed(), r.newlyDeniedExamples(), r.newlyAllowedExamples(), r.topDeniedUsers(),
                r.topDeniedResources(), r.topDenyRules(), r.topApproximate(), r.skipped(), r.auditIdsReused(),
                r.auditIdReuseExamples(), r.malformed(), r.malformedExamples(), r.admission(), r.notes(), t);
    }

    static List<String> sortedLines(List<Path> files) throws IOException {
        List<String> all = new ArrayList<>();
        for (Path f : files) {
            all.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
        }
        all.sort(null);
        return all;
    }

    static long[] lineHashes(List<Path> files) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long[] out = new long[1 << 16];
        int n = 0;
        for (Path f : files) {
            try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    byte[] d = md5.digest(line.getBytes(StandardCharsets.UTF_8));
                    long h = 0;
                    for (int i = 0; i < 8; i++) {
                        h = (h << 8) | (d[i] & 0xff);
                    }
                    if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = h;
                }
            }
        }
        long[] sorted = Arrays.copyOf(out, n);
        Arrays.sort(sorted);
        return sorted;
    }
}
