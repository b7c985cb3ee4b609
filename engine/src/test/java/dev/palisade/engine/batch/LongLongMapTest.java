package dev.palisade.engine.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tracker's primitive map agrees with a HashMap, through growth, removals, clears and the key 0. */
class LongLongMapTest {
    @Test
    void agreesWithAHashMap() {
        Random random = new Random(7);
        LongLongMap map = new LongLongMap(16);
        Map<Long, Long> expected = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 5_000; i++) {
                // small keys collide on purpose; 0 is a key like any other
                long key = random.nextBoolean() ? random.nextInt(64) : random.nextLong();
                long value = random.nextLong();
                map.put(key, value);
                expected.put(key, value);
            }
            assertAgree(expected, map);
            for (int i = 0; i < 1_000; i++) {
                long absent = random.nextLong();
                assertEquals(expected.containsKey(absent), map.containsKey(absent));
            }
            // removals leave holes in probe runs: every key left behind must still be found
            List<Long> present = new ArrayList<>(expected.keySet());
            for (int i = 0; i < 2_000; i++) {
                long key = random.nextBoolean() ? present.get(random.nextInt(present.size())) : random.nextInt(64);
                map.remove(key);
                expected.remove(key);
            }
            assertAgree(expected, map);
            map.clear();
            expected.clear();
            assertEquals(false, map.containsKey(0));
            assertEquals(0, map.size());
        }
    }

    @Test
    void removalsInSmallTablesWhereProbeRunsWrapAround() {
        Random random = new Random(11);
        for (int trial = 0; trial < 20_000; trial++) {
            LongLongMap map = new LongLongMap(2); // 8 slots: with four keys, runs often cross the table's end
            Map<Long, Long> expected = new HashMap<>();
            List<Long> keys = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                long key = random.nextInt(8) == 0 ? 0 : random.nextLong();
                map.put(key, i);
                expected.put(key, (long) i);
                keys.add(key);
            }
            for (int i = 0; i < 3; i++) {
                long key = keys.get(random.nextInt(keys.size()));
                map.remove(key);
                expected.remove(key);
                assertAgree(expected, map);
            }
        }
    }

    private static void assertAgree(Map<Long, Long> expected, LongLongMap map) {
        assertEquals(expected.size(), map.size());
        for (Map.Entry<Long, Long> e : expected.entrySet()) {
            assertEquals(true, map.containsKey(e.getKey()), "key " + e.getKey());
            assertEquals((long) e.getValue(), map.get(e.getKey()));
        }
    }
}
