package dev.palisade.engine.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Heap still in use after garbage collection settles: what a lifecycle test asserts is bounded. */
public final class RetainedHeap {
    private RetainedHeap() {
    }

    /**
     * The lowest used heap over a bounded number of GC rounds (GC is a request, so one round may
     * not collect everything; the minimum over several is a stable reading).
     */
    public static long bytes() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            lowest = Math.min(lowest, memory.getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }

    public static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
