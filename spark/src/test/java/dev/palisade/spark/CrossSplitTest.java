package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.engine.batch.BatchReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only requests whose events lie in more than one split cross the shuffle; the others are
 * settled where their split is read — and the answers are the same either way: an auditID's
 * stages in two splits, another's in one split (repeated, reused, never completed), an ID
 * written with escapes in one split and plainly in another, events without an ID. With fewer
 * hash bits, IDs collide and more of them cross: still the same answers.
 */
class CrossSplitTest {
    private static final long SPLIT_BYTES = 2_048;
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.shared();
    }

    static List<Path> logs(Path dir) throws IOException {
        String pods = "/api/v1/namespaces/default/pods";
        List<String> a = new ArrayList<>();
        a.add(NothingLostTest.event("Y", "RequestReceived", "yann", "list", pods, 0));
        a.add(NothingLostTest.event("Y", "ResponseComplete", "yann", "list", pods, 200));
        a.add(NothingLostTest.event("X", "RequestReceived", "xena", "delete", pods + "/web", 0));
        a.add(NothingLostTest.event("R", "ResponseComplete", "rita", "get", pods + "/a", 200));
        a.add(NothingLostTest.event("R", "ResponseComplete", "rita", "get", pods + "/a", 200));
        a.add(NothingLostTest.event("W", "ResponseComplete", "walt", "get", pods + "/a", 200));
        a.add(NothingLostTest.event("W", "ResponseComplete", "wilma", "get", pods + "/b", 403));
        a.add(NothingLostTest.event("esc\\u0061", "RequestReceived", "erin", "get", "/api", 0));
        a.add(NothingLostTest.event("", "ResponseComplete", "frank", "get", "/healthz", 200));
        for (int i = 0; i < 12; i++) {
            a.add(NothingLostTest.filler(i));
        }
        a.add(NothingLostTest.event("X", "ResponseComplete", "xena", "delete", pods + "/web", 403));
        a.add(NothingLostTest.event("L", "RequestReceived", "lena", "get", "/version", 0));
        a.add(NothingLostTest.event("U", "RequestReceived", "ugo", "create", pods, 0));
        for (int i = 12; i < 24; i++) {
            a.add(NothingLostTest.filler(i));
        }
        a.add(NothingLostTest.event("U", "RequestReceived", "ugo", "create", pods, 0));
        a.add(NothingLostTest.event("U", "ResponseComplete", "ugo", "create", pods, 201));
        a.add(NothingLostTest.event("esca", "ResponseComplete", "erin", "get", "/api", 200));
        List<String> b = new ArrayList<>();
        b.add(NothingLostTest.event("T", "RequestReceived", "tom", "get", "/apis", 0));
        b.add(NothingLostTest.event("", "ResponseComplete", "frank", "get", "/healthz", 200));
        b.add(NothingLostTest.event("T", "ResponseComplete", "tom", "get", "/apis", 200));
        b.add(NothingLostTest.event("X", "ResponseComplete", "xena", "delete", pods + "/web", 403));
        return List.of(Files.write(dir.resolve("a.log"), a), Files.write(dir.resolve("b.log"), b));
    }

    static Stream<Arguments> hashBitsAndPaths() {
        return Stream.of(64, 3, 1).flatMap(bits -> Stream.of(Arguments.of(bits, "map side"), Arguments.of(bits, "shuffle"),
                Arguments.of(bits, "map side, overflowing")));
    }

    /**
     * "map side": each split settles its requests and the driver merges the crossing ones; "shuffle":
     * the crossing events go through a shuffle (the way when many IDs cross); "map side,
     * overflowing": a split has more crossing events than its share, and the run goes through
     * the shuffle after all (the first attempt's --events folder removed).
     */
    private static final int PARTITIONS = 4;

    @ParameterizedTest(name = "auditID hashes of {0} bits, crossing requests merged: {1}")
    @MethodSource("hashBitsAndPaths")
    void sameAnswersWhetherSettledOnTheMapSideOrAfterTheShuffle(int bits, String path, @TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("logs"));
        List<String> logs = logs(dir).stream().map(Path::toString).toList();
        Path config = SameAnswersTest.ROOT.resolve("examples/audit/palisade.yaml");
        ReplayComparison.Answers single = ReplayComparison.single(config, logs, tmp.resolve("single.jsonl"));
        SparkBatch.Options options = SparkBatch.Options.defaults().withSplitBytes(SPLIT_BYTES).withIdHashBits(bits)
                .withMapSide(path.equals("shuffle") ? 0 : SparkBatch.Options.MAP_SIDE_CROSSING_IDS,
                        path.equals("shuffle") ? 0 : path.equals("map side, overflowing") ? 1 : SparkBatch.Options.MAP_SIDE_CROSSING_BYTES)
                .withPartitions(PARTITIONS);
        ReplayComparison.Answers onSpark = ReplayComparison.spark(spark, config, logs, tmp.resolve("spark-events"), options);
        BatchReport r = single.report();
        assertEquals(8, r.stagesMerged(), "Y's; X's twice (in another split, in another file); R's repeat; U's second "
                + "RequestReceived and completion; esca's; T's");
        assertEquals(1, r.auditIdsReused(), "W comes back for wilma");
        assertEquals(1, r.recorded("unknown"), "L never completes");
        ReplayComparison.assertSame(single, onSpark, true);
        assertTrue(Files.exists(tmp.resolve("spark-events/_SUCCESS")), "the folder is marked whole once every line is in");
        if (!path.equals("map side")) {
            eventsInTheirPartitionsByAuditId(onSpark.eventFiles(), PARTITIONS);
        }
    }

    @ParameterizedTest(name = "auditID hashes of {0} bits, scanned {1}")
    @CsvSource({"64, as a job", "64, in this JVM", "1, as a job", "1, in this JVM"})
    void theIdsInMoreThanOneSplitAreFound(int bits, String how, @TempDir Path tmp) throws Exception {
        List<String> logs = logs(tmp).stream().map(Path::toString).toList();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        List<Split> splits = Inputs.plan(Inputs.expand(logs, hadoop), SPLIT_BYTES, hadoop);
        assertTrue(splits.size() >= 4, splits.size() + " splits");
        CrossSplitIds cross = scan(sc, splits, new IdHash(bits), how).cross();
        assertFalse(cross.all());
        for (String id : List.of("X", "U", "esca")) {
            assertTrue(cross.contains(id), id + " is in two splits");
        }
        if (bits == 64) {
            for (String id : List.of("Y", "R", "W", "L", "T", "fill-3")) {
                assertFalse(cross.contains(id), id + " is in one split");
            }
        } else {
            assertEquals(2, 1 << bits, "one bit: two hashes, and both cross (fillers in every split)");
            assertTrue(cross.contains("Y") && cross.contains("T"), "every ID collides with one that crosses");
        }
    }

    private static CrossSplitIds.Scanned scan(JavaSparkContext sc, List<Split> splits, IdHash hash, String how)
            throws IOException {
        Configuration hadoop = sc.hadoopConfiguration();
        return how.equals("as a job")
                ? CrossSplitIds.asJob(sc, splits, sc.broadcast(new SerializableConfiguration(hadoop)), hash, 1 << 20)
                : CrossSplitIds.inThisJvm(splits, hadoop, hash, 1 << 20, 2);
    }

    static Stream<Arguments> scanInputs() {
        return Stream.<Arguments>of(
                Arguments.of("requests across splits and files", (NothingLostTest.LogWriter) CrossSplitTest::logs, SPLIT_BYTES),
                Arguments.of("malformed lines", (NothingLostTest.LogWriter) NothingLostTest::malformed, 300L),
                Arguments.of("duplicate auditIDs", (NothingLostTest.LogWriter) NothingLostTest::duplicates, 300L),
                Arguments.of("gzip members split across files", (NothingLostTest.LogWriter) NothingLostTest::gzipParts, 16_384L));
    }

    /**
     * Local mode scans on threads of the driver's JVM; a cluster runs the scan as a job: both
     * number the same lines and find the same IDs (with 1-bit hashes too, where every hash crosses).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scanInputs")
    void theScanInThisJvmFindsWhatTheJobFinds(String name, NothingLostTest.LogWriter writer, long splitBytes,
                                              @TempDir Path tmp) throws Exception {
        List<String> logs = writer.write(tmp).stream().map(Path::toString).toList();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        List<Split> splits = Inputs.plan(Inputs.expand(logs, hadoop), splitBytes, hadoop);
        assertTrue(splits.size() >= 2, splits.size() + " splits");
        for (int bits : new int[] {64, 1}) {
            CrossSplitIds.Scanned job = scan(sc, splits, new IdHash(bits), "as a job");
            CrossSplitIds.Scanned here = scan(sc, splits, new IdHash(bits), "in this JVM");
            assertEquals(job.splits(), here.splits(), bits + " bits: the splits with their first line numbers");
            assertEquals(job.cross().all(), here.cross().all(), bits + " bits: some IDs unreadable");
            assertArrayEquals(job.cross().hashes(), here.cross().hashes(), bits + " bits: the crossing IDs");
            try (RepeatedHashes spilling = new RepeatedHashes(16, tmp)) { // one hash held at most: each split's go to disk
                CrossSplitIds.Scanned spilled = CrossSplitIds.inThisJvm(splits, hadoop, new IdHash(bits), 1 << 20, 2, spilling);
                assertNotNull(spilling.folder(), bits + " bits: the hashes went to disk");
                assertEquals(job.splits(), spilled.splits(), bits + " bits, spilled: the splits with their first line numbers");
                assertEquals(job.cross().all(), spilled.cross().all(), bits + " bits, spilled: some IDs unreadable");
                assertArrayEquals(job.cross().hashes(), spilled.cross().hashes(), bits + " bits, spilled: the crossing IDs");
            }
        }
    }

    /** A lone split needs no scan (no ID can be in two); two splits are scanned. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"the bundled example, whole", "the bundled example gzipped", "two splits"})
    void aLoneSplitIsNotScanned(String input, @TempDir Path tmp) throws Exception {
        Path log = SameAnswersTest.projectRoot().resolve("examples/audit/audit.log");
        if (input.contains("gzipped")) {
            Path gz = tmp.resolve("audit.log.gz");
            try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
                Files.copy(log, out);
            }
            log = gz;
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        List<Split> splits = Inputs.plan(Inputs.expand(List.of(log.toString()), hadoop),
                input.equals("two splits") ? Files.size(log) / 2 + 1 : 1 << 20, hadoop);
        assertEquals(input.equals("two splits") ? 2 : 1, splits.size(), "splits");
        IdHash hash = new IdHash(64);
        boolean[] scanned = new boolean[1];
        CrossSplitIds.Scanned found = CrossSplitIds.find(splits, hash, all -> {
            scanned[0] = true;
            return CrossSplitIds.inThisJvm(all, hadoop, hash, 1 << 20, 2);
        });
        assertEquals(splits.size() > 1, scanned[0], "scanned");
        if (splits.size() == 1) {
            assertEquals(0, found.cross().size());
            assertFalse(found.cross().all());
            assertEquals(0, found.splits().get(0).lineOffset());
        }
    }

    /** In local mode the scan runs no Spark job (its executors are this JVM's threads anyway). */
    @Test
    void localModeScansWithoutAJob(@TempDir Path tmp) throws Exception {
        List<String> logs = logs(tmp).stream().map(Path::toString).toList();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        List<Split> splits = Inputs.plan(Inputs.expand(logs, hadoop), SPLIT_BYTES, hadoop);
        String group = "the scan in local mode";
        sc.setJobGroup(group, group, false);
        try {
            CrossSplitIds.Scanned found = CrossSplitIds.find(sc, splits, sc.broadcast(new SerializableConfiguration(hadoop)),
                    new IdHash(64), 1 << 20);
            assertTrue(found.cross().contains("X"), "X is in two splits");
            assertEquals(0, sc.statusTracker().getJobIdsForGroup(group).length, "jobs run");
        } finally {
            sc.clearJobGroup();
        }
    }

    /** A folder written in two parts is marked whole only by the second: a run that dies between leaves no marker. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"decisions", "decisions.parquet"})
    void eventsFolderIsMarkedWholeOnlyWhenItIs(String name, @TempDir Path tmp) throws IOException {
        String to = tmp.resolve(name).toString();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String line = "{\"auditID\":\"a\",\"user\":\"u\"}";
        EventsFolder folder = new EventsFolder(to, () -> spark);
        folder.write(sc.parallelize(List.of(line), 1), false);
        assertFalse(Files.exists(tmp.resolve(name).resolve("_SUCCESS")), "no marker after the first part");
        folder.appendLast(sc, List.of(line.replace("\"a\"", "\"b\"")), 1);
        assertTrue(Files.exists(tmp.resolve(name).resolve("_SUCCESS")), "marked once the last part is in");
        assertEquals(2, name.endsWith(".parquet") ? spark.read().parquet(to).count() : spark.read().text(to).count(),
                "both parts' lines");
        if (!name.endsWith(".parquet")) { // JSON lines: the lines alone, each part named by its place
            assertEquals(List.of(line), Files.readAllLines(tmp.resolve(name).resolve("part-00000")));
            assertEquals(List.of(line.replace("\"a\"", "\"b\"")), Files.readAllLines(tmp.resolve(name).resolve("part-00001")));
            try (var files = Files.list(tmp.resolve(name))) {
                assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(f -> f.contains("inprogress")).toList(),
                        "no half-written part left behind");
            }
        }
    }

    /** JSON lines: a partition without lines writes no part file (a small log's reduce side has mostly such). */
    @Test
    void emptyPartitionsWriteNoPart(@TempDir Path tmp) throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String line = "{\"auditID\":\"a\",\"user\":\"u\"}";
        new EventsFolder(tmp.resolve("decisions").toString(), () -> spark).write(sc.parallelize(List.of(line), 3), true);
        try (var files = Files.list(tmp.resolve("decisions"))) {
            assertEquals(List.of("_SUCCESS", "part-00002"), files.map(f -> f.getFileName().toString())
                    .filter(f -> !f.startsWith(".")).sorted().toList()); // .crc: the local file system's checksums
        }
        assertEquals(List.of(line), Files.readAllLines(tmp.resolve("decisions").resolve("part-00002")));
    }

    /** After the shuffle, each line is in its auditID's partition, sorted by auditID. */
    private static void eventsInTheirPartitionsByAuditId(List<Path> parts, int partitions) throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (Path part : parts) {
            // part-00003: partition 3's lines
            int p = Integer.parseInt(part.getFileName().toString().substring("part-".length(), "part-".length() + 5));
            String previous = "";
            for (String line : Files.readAllLines(part)) {
                String id = json.readTree(line).path("auditID").asText("");
                if (!id.isEmpty()) {
                    assertEquals(p, new ShuffleKey.ByAuditId(partitions).getPartition(new ShuffleKey(id, 0, 0, ShuffleKey.LINE, 0)),
                            id + " in part " + p);
                }
                assertTrue(previous.compareTo(id) <= 0, id + " after " + previous);
                previous = id;
            }
        }
    }
}
