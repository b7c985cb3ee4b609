package dev.palisade.spark;

import java.io.Serializable;
import java.util.Comparator;
import org.apache.spark.Partitioner;

/**
 * How judged events meet: by auditID (all stages of one request in one partition, in input
 * order: file, line, EventList item). Problems, record counts and events without an auditID are
 * spread by place.
 *
 * @param kind 0 a problem, 1 an event, 2 a split's record count (problems sort before the events of their line, as batch reports them)
 */
record ShuffleKey(String auditID, int file, long line, int kind, int item) implements Serializable {
    static final Comparator<ShuffleKey> ORDER = (Comparator<ShuffleKey> & Serializable) (a, b) -> {
        int c = a.auditID.compareTo(b.auditID);
        if (c == 0) {
            c = Integer.compare(a.file, b.file);
        }
        if (c == 0) {
            c = Long.compare(a.line, b.line);
        }
        if (c == 0) {
            c = Integer.compare(a.kind, b.kind);
        }
        return c != 0 ? c : Integer.compare(a.item, b.item);
    };

    /** Partitions by auditID's hash; keys without one by place. */
    static final class ByAuditId extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;

        ByAuditId(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            ShuffleKey k = (ShuffleKey) key;
            int h = k.auditID.isEmpty() ? Long.hashCode(k.line * 31 + k.file) : k.auditID.hashCode();
            return Math.floorMod(h * 0x9E3779B9, partitions);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ByAuditId b && b.partitions == partitions;
        }

        @Override
        public int hashCode() {
            return partitions;
        }
    }
}
