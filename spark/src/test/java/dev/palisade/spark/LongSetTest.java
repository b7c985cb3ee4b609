package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scan's set of hashes holds what a HashSet holds, 0 and few-bit values included, through its growth. */
class LongSetTest {
    @ParameterizedTest(name = "{0} values of {1} bits, expected {2}")
    @CsvSource({"0, 64, 0", "1, 1, 1", "100, 1, 4", "1000, 3, 16", "50000, 64, 16", "50000, 17, 100000", "5000, 64, 1"})
    void holdsWhatAHashSetHolds(int values, int bits, int expected) {
        Random random = new Random(values * 31L + bits);
        LongSet set = new LongSet(expected);
        Set<Long> reference = new HashSet<>();
        for (int i = 0; i < values; i++) {
            long v = bits == 64 ? random.nextLong() : random.nextLong() & ((1L << bits) - 1);
            if (i % 7 == 0) {
                v = 0;
            }
            assertEquals(reference.add(v), set.add(v), "add(" + v + ")");
        }
        assertEquals(reference.size(), set.size());
        long[] all = set.toArray();
        Arrays.sort(all);
        assertEquals(reference.stream().mapToLong(Long::longValue).sorted().boxed().toList(),
                Arrays.stream(all).boxed().toList());
    }
}
