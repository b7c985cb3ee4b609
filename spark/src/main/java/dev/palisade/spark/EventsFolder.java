package dev.palisade.spark;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.TextOutputFormat;
import org.apache.hadoop.mapred.lib.LazyOutputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * The folder {@code --events} names on Spark: JSON-lines part files ({@code part-NNNNN}, one per
 * partition written), or Parquet with the same columns when the name ends in {@code .parquet}.
 * Its {@code _SUCCESS} marker comes with the last part only, so that a run that dies before it
 * never leaves a folder that looks whole.
 *
 * <p>JSON lines go through Hadoop's text output (the output committer Spark's own
 * {@code saveAsTextFile} uses), not Spark SQL: its session (~1 s to start) and query cost a
 * 1,000-event run ~1.5 s on this machine. Parquet needs the session, and starts it.
 */
final class EventsFolder {
    private static final String SUCCESS_MARKER = "mapreduce.fileoutputcommitter.marksuccessfuljobs";

    /** The columns of {@code palisade batch --events}, for Parquet. */
    static final StructType EVENT_SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("auditID", DataTypes.StringType, true),
        DataTypes.createStructField("user", DataTypes.StringType, true),
        DataTypes.createStructField("impersonatedBy", DataTypes.StringType, true),
        DataTypes.createStructField("verb", DataTypes.StringType, true),
        DataTypes.createStructField("apiGroup", DataTypes.StringType, true),
        DataTypes.createStructField("resource", DataTypes.StringType, true),
        DataTypes.createStructField("subresource", DataTypes.StringType, true),
        DataTypes.createStructField("namespace", DataTypes.StringType, true),
        DataTypes.createStructField("name", DataTypes.StringType, true),
        DataTypes.createStructField("path", DataTypes.StringType, true),
        DataTypes.createStructField("recorded", DataTypes.StringType, true),
        DataTypes.createStructField("decision", DataTypes.StringType, true),
        DataTypes.createStructField("flip", DataTypes.BooleanType, true),
        DataTypes.createStructField("rule", DataTypes.StringType, true),
        DataTypes.createStructField("reason", DataTypes.StringType, true),
        DataTypes.createStructField("admission", DataTypes.StringType, true),
        DataTypes.createStructField("admissionReason", DataTypes.StringType, true),
        DataTypes.createStructField("warnings", DataTypes.createArrayType(DataTypes.StringType), true),
        DataTypes.createStructField("source", DataTypes.StringType, true),
    });

    private final String to;
    private final Supplier<SparkSession> session;

    /** @param session Spark SQL's session on the run's context, asked for only to write Parquet */
    EventsFolder(String to, Supplier<SparkSession> session) {
        this.to = to;
        this.session = session;
    }

    private boolean parquet() {
        return to.endsWith(".parquet");
    }

    /**
     * Writes the folder, which must not exist yet: one part per partition of {@code lines}.
     *
     * @param complete the folder holds every line once this is written: its marker is written
     * @throws IOException the folder could not be made or committed (named, with why)
     */
    void write(JavaRDD<String> lines, boolean complete) throws IOException {
        try {
            if (parquet()) {
                parquet(lines, SaveMode.ErrorIfExists, complete);
                return;
            }
            JobConf job = new JobConf(lines.context().hadoopConfiguration());
            job.set(SUCCESS_MARKER, String.valueOf(complete));
            // lazily: a partition without lines writes no part (most reduce partitions of a small log)
            LazyOutputFormat.setOutputFormatClass(job, TextOutputFormat.class);
            // a null key: the text output writes the value alone, then a newline
            lines.mapToPair(line -> new Tuple2<>(NullWritable.get(), new Text(line.getBytes(StandardCharsets.UTF_8))))
                    .saveAsHadoopFile(to, NullWritable.class, Text.class, LazyOutputFormat.class, job);
        } catch (Exception e) { // Scala throws IOException undeclared
            if (e instanceof IOException io) { // the driver's own: making the folder, committing it
                throw new IOException(to + ": cannot write it: " + io.getMessage(), io);
            }
            // a task's failure, its reason at the bottom of Spark's causes (Hadoop wraps a full disk in an Error)
            if (SparkBatch.rootCause(e) instanceof IOException io) {
                throw new IOException(to + ": the run failed while writing it: " + io.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * Adds lines the driver holds to the folder as its last part ({@code part-NNNNN} after the
     * {@code partsBefore} the first write made), then marks it whole.
     */
    void appendLast(JavaSparkContext sc, List<String> lines, int partsBefore) throws IOException {
        if (parquet()) {
            parquet(sc.parallelize(lines, 1), SaveMode.Append, true);
            return;
        }
        Path dir = new Path(to);
        try {
            FileSystem fs = dir.getFileSystem(sc.hadoopConfiguration());
            // written under a hidden name and renamed: a reader never sees half a part
            Path part = new Path(dir, String.format(Locale.ROOT, "part-%05d", partsBefore));
            Path hidden = new Path(dir, "_" + part.getName() + ".inprogress");
            try (Writer out = new OutputStreamWriter(fs.create(hidden, false), StandardCharsets.UTF_8)) {
                for (String line : lines) {
                    out.write(line);
                    out.write('\n');
                }
            }
            if (!fs.rename(hidden, part)) {
                throw new IOException("cannot rename " + hidden + " to " + part);
            }
        } catch (IOException e) {
            throw new IOException(to + ": cannot write its last part (the folder is not marked whole): " + e.getMessage(), e);
        }
        markWhole(sc.hadoopConfiguration());
    }

    /** Removes what a first write left (the run writes the folder again another way). */
    void discard(Configuration hadoop) throws IOException {
        Path dir = new Path(to);
        dir.getFileSystem(hadoop).delete(dir, true);
    }

    /** The marker alone: every line is already in. */
    void markWhole(Configuration hadoop) throws IOException {
        Path done = new Path(to, "_SUCCESS");
        try {
            done.getFileSystem(hadoop).create(done, false).close();
        } catch (IOException e) {
            throw new IOException(to + ": cannot mark it whole: " + e.getMessage(), e);
        }
    }

    private void parquet(JavaRDD<String> lines, SaveMode mode, boolean complete) {
        SparkSession spark = session.get();
        Dataset<String> json = spark.createDataset(lines.rdd(), Encoders.STRING());
        // the write's options reach the job's Hadoop configuration, where the output committer reads the marker's
        spark.read().schema(EVENT_SCHEMA).json(json).write().mode(mode)
                .option(SUCCESS_MARKER, String.valueOf(complete)).parquet(to);
    }
}
