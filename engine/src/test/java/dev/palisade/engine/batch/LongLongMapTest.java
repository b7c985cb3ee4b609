package dev.palisade.engine.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tracker's primitive map agrees with a HashMap, through growth, clears and the key 0. */
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
            assertEquals(expected.size(), map.size());
            for (Map.Entry<Long, Long> e : expected.entrySet()) {
                assertEquals(true, map.containsKey(e.getKey()), "key " + e.getKey());
                assertEquals((long) e.getValue(), map.get(e.getKey()));
            }
            for (int i = 0; i < 1_000; i++) {
                long absent = random.nextLong();
                assertEquals(expected.containsKey(absent), map.containsKey(absent));
            }
            map.clear();
            expected.clear();
            assertEquals(false, map.containsKey(0));
            assertEquals(0, map.size());
        }
    }
}
