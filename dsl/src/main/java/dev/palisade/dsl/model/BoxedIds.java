package dev.palisade.dsl.model;

import java.util.Arrays;

/**
 * Boxed ints for hashed indexes, shared by every rule set of the JVM: Drools reads an indexed
 * field through a function returning an object, and a request should not allocate an Integer
 * per lookup. Ids past the covered range (and negative ids) are boxed as usual.
 */
public final class BoxedIds {
    private static volatile Integer[] cache = new Integer[0];

    private BoxedIds() {}

    /** Makes sure ids 0 .. count-1 have a cached box. */
    public static synchronized void cover(int count) {
        Integer[] old = cache;
        if (old.length >= count) {
            return;
        }
        Integer[] grown = Arrays.copyOf(old, count);
        for (int i = old.length; i < count; i++) {
            grown[i] = i;
        }
        cache = grown;
    }

    public static Integer box(int id) {
        Integer[] c = cache;
        return id >= 0 && id < c.length ? c[id] : Integer.valueOf(id);
    }
}
