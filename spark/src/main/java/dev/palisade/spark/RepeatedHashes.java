package dev.palisade.spark;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The hashes found by more than one split's scan, given each split's distinct hashes in turn, in
 * bounded memory. Up to a budget they are held as {@link BucketedLongs} holds them; beyond it
 * what is held goes to disk, into one of 256 files by the hash's high bits, and each file is then
 * read back on its own: a 256th of every hash in memory at once. Before, the driver held every
 * split's hashes, at up to ~24 bytes a request: a local run of 30 million events ran out of
 * memory in its scan on a 600 MB heap (docs/batch.md).
 */
final class RepeatedHashes implements Closeable {
    private static final int FILE_BITS = 8;
    private final long budget;
    private final Path under;
    private BucketedLongs held = new BucketedLongs();
    private Path dir;
    private final long[] spilled = new long[1 << FILE_BITS];

    /**
     * @param memoryBytes how much the held hashes may take (a bucket's array may be twice what it
     *        holds: 16 bytes a hash)
     * @param under where the folder of spilled hashes is made when the budget is passed
     */
    RepeatedHashes(long memoryBytes, Path under) {
        this.budget = Math.max(1, memoryBytes / 16);
        this.under = under;
    }

    /** A quarter of this JVM's heap, shared by {@code tasks} at once; spills to the JVM's temporary folder. */
    static RepeatedHashes inThisJvm(int tasks) {
        return new RepeatedHashes(Runtime.getRuntime().maxMemory() / 4 / Math.max(1, tasks),
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** One split's hashes, each once. */
    void addAll(long[] distinct) throws IOException {
        held.addAll(distinct);
        if (held.size() > budget) {
            spill();
        }
    }

    /** Where the hashes went once the budget was passed, else null (for tests). */
    Path folder() {
        return dir;
    }

    /** The hashes added more than once, sorted. */
    long[] repeated() throws IOException {
        long[] out;
        if (dir == null) {
            out = held.repeated();
        } else {
            spill();
            long[][] each = new long[spilled.length][];
            for (int f = 0; f < spilled.length; f++) {
                each[f] = spilled[f] == 0 ? new long[0] : readBack(f).repeated();
            }
            out = Arrays.stream(each).flatMapToLong(Arrays::stream).toArray();
        }
        Arrays.sort(out);
        return out;
    }

    /** One file's hashes, every one that was written to it. */
    private BucketedLongs readBack(int f) throws IOException {
        BucketedLongs values = new BucketedLongs();
        try (FileChannel in = FileChannel.open(file(f), StandardOpenOption.READ)) {
            ByteBuffer bytes = ByteBuffer.allocate(1 << 16).order(ByteOrder.nativeOrder());
            for (int r = 0; r >= 0; ) {
                r = in.read(bytes);
                bytes.flip();
                while (bytes.remaining() >= Long.BYTES) {
                    values.add(bytes.getLong());
                }
                bytes.compact();
            }
        }
        if (values.size() != spilled[f]) { // a hash lost would settle a crossing request in one split: never
            throw new IOException(file(f) + ": " + values.size() + " auditID hashes read back, " + spilled[f] + " written");
        }
        return values;
    }

    /** Appends what is held to the files, by each hash's high bits (a bucket's values go to 4 of them). */
    private void spill() throws IOException {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory(under, "palisade-scan-");
            } catch (IOException e) {
                throw new IOException("cannot make a folder for the scan's auditID hashes in " + under + ": " + e, e);
            }
        }
        ByteBuffer[] pending = new ByteBuffer[spilled.length];
        FileChannel[] out = new FileChannel[spilled.length];
        try {
            held.drain((values, n) -> {
                for (int i = 0; i < n; i++) {
                    int f = (int) (BucketedLongs.spread(values[i]) >>> (64 - FILE_BITS));
                    ByteBuffer b = pending[f];
                    if (b == null) {
                        b = pending[f] = ByteBuffer.allocate(1 << 13).order(ByteOrder.nativeOrder());
                        out[f] = FileChannel.open(file(f), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                                StandardOpenOption.APPEND);
                    }
                    if (!b.hasRemaining()) {
                        write(out[f], b);
                    }
                    b.putLong(values[i]);
                    spilled[f]++;
                }
            });
            for (int f = 0; f < spilled.length; f++) {
                if (pending[f] != null) {
                    write(out[f], pending[f]);
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot write the scan's auditID hashes to " + dir + ": " + e, e);
        } finally {
            for (FileChannel c : out) {
                if (c != null) {
                    c.close();
                }
            }
        }
        held = new BucketedLongs();
    }

    private static void write(FileChannel to, ByteBuffer b) throws IOException {
        b.flip();
        while (b.hasRemaining()) {
            to.write(b);
        }
        b.clear();
    }

    private Path file(int f) {
        return dir.resolve(Integer.toString(f));
    }

    @Override
    public void close() throws IOException {
        held = new BucketedLongs();
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
