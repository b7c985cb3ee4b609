package dev.palisade.server.reload;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Retained heap: used heap after garbage collection has settled (bounded number of rounds). */
final class HeapProbe {
    private HeapProbe() {}

    static long retainedBytes() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        long previous = Long.MAX_VALUE;
        for (int round = 0; round < 12; round++) {
            System.gc();
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long used = memory.getHeapMemoryUsage().getUsed();
            best = Math.min(best, used);
            if (round >= 2 && Math.abs(previous - used) < 512 * 1024) {
                break;
            }
            previous = used;
        }
        return best;
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
