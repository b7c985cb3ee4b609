package dev.palisade.spark;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;
import org.apache.spark.Partitioner;

/**
 * How what the map side hands on meets: by auditID (all stages of one request in one partition,
 * in input order: file, line, EventList item; the {@code --events} lines of requests settled on
 * the map side, in the order they were settled). Partial summaries and the lines of requests
 * without an auditID are spread by place. Written by hand (Externalizable): with
 * {@code --events}, one per request crosses the shuffle.
 */
final class ShuffleKey implements Externalizable {
    private static final long serialVersionUID = 1L;
    /** What the value is: a judged event, a split's partial summary, a settled request's --events line. */
    static final byte EVENT = 1;
    static final byte SUMMARY = 2;
    static final byte LINE = 3;

    private String auditID;
    private int file;
    private long line;
    private byte kind;
    private int item;

    /** For deserialization only. */
    public ShuffleKey() {
    }

    ShuffleKey(String auditID, int file, long line, byte kind, int item) {
        this.auditID = auditID;
        this.file = file;
        this.line = line;
        this.kind = kind;
        this.item = item;
    }

    String auditID() {
        return auditID;
    }

    byte kind() {
        return kind;
    }

    static final Comparator<ShuffleKey> ORDER = (Comparator<ShuffleKey> & Serializable) (a, b) -> {
        int c = a.auditID.compareTo(b.auditID);
        if (c == 0) {
            c = Integer.compare(a.file, b.file);
        }
        if (c == 0) {
            c = Long.compare(a.line, b.line);
        }
        if (c == 0) {
            c = Byte.compare(a.kind, b.kind);
        }
        return c != 0 ? c : Integer.compare(a.item, b.item);
    };

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        Shipped.writeString(out, auditID);
        out.writeInt(file);
        out.writeLong(line);
        out.writeByte(kind);
        out.writeInt(item);
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException {
        auditID = Shipped.readString(in);
        file = in.readInt();
        line = in.readLong();
        kind = in.readByte();
        item = in.readInt();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShuffleKey k && k.file == file && k.line == line && k.kind == kind && k.item == item
                && k.auditID.equals(auditID);
    }

    @Override
    public int hashCode() {
        return Objects.hash(auditID, file, line, kind, item);
    }

    /** Partitions by auditID's hash; keys without one by place. The partitions of --events: keep it as it is. */
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
