package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scan's hashes: distinct() holds what a HashSet of the values holds, repeated() the values a
 * HashMap counts more than once; 0, negative and few-bit values included, buckets grown past
 * their first arrays.
 */
class BucketedLongsTest {
    @ParameterizedTest(name = "{0} values of {1} bits")
    @CsvSource({"0, 64", "1, 1", "100, 1", "1000, 3", "50000, 64", "50000, 17", "200000, 20"})
    void distinctAndRepeatedAsAHashMapCounts(int values, int bits) {
        Random random = new Random(values * 31L + bits);
        long[] added = new long[values];
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 0; i < values; i++) {
            long v = bits == 64 ? random.nextLong() : random.nextLong() & ((1L << bits) - 1);
            if (i % 7 == 0) {
                v = 0;
            } else if (i % 11 == 0 && i > 0) {
                v = added[i / 2]; // repeats of earlier values, far apart
            }
            added[i] = v;
            counts.merge(v, 1, Integer::sum);
        }
        BucketedLongs forDistinct = new BucketedLongs();
        BucketedLongs forRepeated = new BucketedLongs();
        forDistinct.addAll(added);
        for (long v : added) {
            forRepeated.add(v);
        }
        assertEquals(sorted(counts.keySet().stream().mapToLong(Long::longValue).toArray()), sorted(forDistinct.distinct()),
                "distinct");
        assertEquals(sorted(counts.entrySet().stream().filter(e -> e.getValue() > 1).mapToLong(Map.Entry::getKey).toArray()),
                sorted(forRepeated.repeated()), "repeated");
    }

    private static List<Long> sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return Arrays.stream(copy).boxed().toList();
    }
}
