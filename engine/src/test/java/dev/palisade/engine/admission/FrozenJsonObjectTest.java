package dev.palisade.engine.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The compact read-only object behaves as the LinkedHashMap it replaces, small or indexed. */
class FrozenJsonObjectTest {

    @ParameterizedTest(name = "{0} fields")
    @ValueSource(ints = {0, 1, 3, 24, 25, 60})
    void readsAsTheLinkedHashMapItReplaces(int size) {
        Map<String, Object> expected = new LinkedHashMap<>();
        Object[] kv = new Object[2 * size];
        for (int i = 0; i < size; i++) {
            String key = "k" + (size - i); // not sorted, so order is really kept
            Object value = i % 3 == 0 ? null : i;
            expected.put(key, value);
            kv[2 * i] = key;
            kv[2 * i + 1] = value;
        }
        FrozenJsonObject actual = new FrozenJsonObject(kv);
        assertEquals(expected, actual);
        assertEquals(expected.hashCode(), actual.hashCode());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        assertEquals(new ArrayList<>(expected.values()), new ArrayList<>(actual.values()));
        for (String key : expected.keySet()) {
            // a key equal to the stored one but another String object: found by equals, not identity
            String copy = new String(key.toCharArray());
            assertEquals(expected.get(key), actual.get(copy), key);
            assertTrue(actual.containsKey(copy), key);
        }
        assertNull(actual.get("absent"));
        assertFalse(actual.containsKey("absent"));
        assertFalse(actual.containsKey(7));
        Map<String, Object> seen = new LinkedHashMap<>();
        actual.forEach(seen::put);
        assertEquals(expected, seen);
        assertThrows(UnsupportedOperationException.class, () -> actual.put("x", 1));
        if (size > 0) {
            assertThrows(UnsupportedOperationException.class, () -> actual.entrySet().iterator().next().setValue(1));
        }
    }
}
