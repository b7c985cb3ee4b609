package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hashes in more than one split, held in memory or spilled to disk past the budget: always
 * what a HashMap counts more than once (each split's hashes distinct, as the scan gives them);
 * the spilled files gone on close; a file that does not read back whole fails the scan.
 */
class RepeatedHashesTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} splits of {1} hashes, {2} bits, budget {3} bytes: spills {4}")
    @CsvSource({
        "0, 0, 64, 1048576, false",
        "1, 5000, 64, 1048576, false", // one split: nothing repeated
        "8, 5000, 64, 1048576, false",
        "8, 5000, 64, 16384, true", // 1,024 hashes held at most: spilled with every split
        "40, 3000, 64, 65536, true",
        "8, 5000, 12, 16384, true", // 4,096 values: most are repeated, many times over
        "3, 200000, 64, 4194304, true",
        "3, 200000, 20, 4194304, true",
    })
    void theHashesInMoreThanOneSplitAsAHashMapCountsThem(int splits, int perSplit, int bits, long budget, boolean spills)
            throws IOException {
        Random random = new Random(splits * 131L + perSplit + bits);
        Map<Long, Integer> counts = new HashMap<>();
        List<long[]> all = new ArrayList<>();
        for (int s = 0; s < splits; s++) {
            BucketedLongs split = new BucketedLongs();
            for (int i = 0; i < perSplit; i++) {
                long v = bits == 64 ? random.nextLong() : random.nextLong() & ((1L << bits) - 1);
                if (i % 97 == 0) {
                    v = 0;
                } else if (s > 0 && i % 13 == 0) {
                    v = all.get(random.nextInt(s))[i / 2 % all.get(0).length]; // in an earlier split too
                }
                split.add(v);
            }
            long[] distinct = split.distinct();
            for (long v : distinct) {
                counts.merge(v, 1, Integer::sum);
            }
            all.add(distinct);
        }
        long[] expected = counts.entrySet().stream().filter(e -> e.getValue() > 1).mapToLong(Map.Entry::getKey).sorted().toArray();
        Path folder;
        try (RepeatedHashes repeated = new RepeatedHashes(budget, tmp)) {
            for (long[] split : all) {
                repeated.addAll(split);
            }
            assertArrayEquals(expected, repeated.repeated(), "the hashes in more than one split, sorted");
            folder = repeated.folder();
            assertEquals(spills, folder != null, "spilled");
        }
        if (folder != null) {
            assertFalse(Files.exists(folder), "the spilled hashes are deleted on close");
        }
        if (splits > 1 && perSplit > 1000) {
            assertTrue(expected.length > 0, "the case has repeated hashes");
        }
    }

    @Test
    void aSpilledFileThatDoesNotReadBackWholeFailsTheScan() throws IOException {
        try (RepeatedHashes repeated = new RepeatedHashes(16384, tmp)) {
            Random random = new Random(7);
            for (int s = 0; s < 4; s++) {
                repeated.addAll(random.longs(3000).toArray());
            }
            Path folder = repeated.folder();
            assertNotNull(folder);
            Path file;
            try (Stream<Path> files = Files.list(folder)) {
                file = files.filter(p -> p.toFile().length() > 16).findFirst().orElseThrow();
            }
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                c.truncate(c.size() - 8); // one hash lost
            }
            IOException e = assertThrows(IOException.class, repeated::repeated);
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("read back"), e.getMessage());
        }
    }

    @Test
    void aFolderThatCannotBeMadeIsNamed() throws IOException {
        Path notAFolder = Files.writeString(tmp.resolve("file"), "x");
        try (RepeatedHashes repeated = new RepeatedHashes(16384, notAFolder)) {
            repeated.addAll(new Random(1).longs(1000).toArray());
            assertNull(repeated.folder(), "within the budget: nothing written");
            IOException e = assertThrows(IOException.class, () -> repeated.addAll(new Random(2).longs(1000).toArray()));
            assertTrue(e.getMessage().contains("cannot make a folder for the scan's auditID hashes in " + notAFolder),
                    e.getMessage());
        }
    }
}
