package dev.palisade.engine.batch;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * One audit log to read: a file or {@code -} (stdin), gzip-compressed or not. Compression is
 * recognised by its magic bytes, not the file name, so a rotated {@code audit.log.1} that
 * happens to be gzipped reads as well.
 */
public record LogSource(String name, Path path) {
    public static final String STDIN = "-";

    public static LogSource of(String argument) {
        return STDIN.equals(argument) ? new LogSource("<stdin>", null) : new LogSource(argument, Path.of(argument));
    }

    /** The size on disk (compressed, if it is), or -1 for stdin: what the progress bar counts against. */
    public long size() {
        try {
            return path == null ? -1 : Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Opens the decompressed stream, with buffers of {@code bufferBytes}; {@code rawBytes} counts the bytes taken from the file itself. */
    InputStream open(AtomicLong rawBytes, int bufferBytes) throws IOException {
        InputStream raw = path == null ? System.in : Files.newInputStream(path);
        return decompressed(new Counting(raw, rawBytes), bufferBytes);
    }

    /**
     * The buffers to read an input of {@code sizeOnDisk} bytes with (-1: not known): 64 KiB, less
     * for a small file. A log shipper's folder can hold thousands of files of a few KB, and three
     * 64 KiB buffers apiece (the stream's, the reader's, a chunk's) were most of what a replay of
     * them allocated. Compressed or not, its size on disk is a fine measure: the buffers only
     * take more reads, or grow, when its lines need more.
     */
    public static int bufferBytes(long sizeOnDisk) {
        return sizeOnDisk < 0 ? 1 << 16 : (int) Math.max(4 << 10, Math.min(1 << 16, sizeOnDisk + 1));
    }

    /**
     * {@code raw} decompressed when it starts with gzip's magic bytes (all its members), else as
     * it is, with buffers of {@code bufferBytes} ({@link #bufferBytes}: a small file needs no 64 KiB
     * ones). Public: a distributed replay scans inputs as batch reads them.
     */
    public static InputStream decompressed(InputStream raw, int bufferBytes) throws IOException {
        BufferedInputStream counted = new BufferedInputStream(raw, bufferBytes);
        counted.mark(2);
        int b1 = counted.read();
        int b2 = counted.read();
        counted.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new GZIPInputStream(counted, bufferBytes);
        }
        return counted;
    }

    /** Counts bytes as they leave the underlying stream. */
    private static final class Counting extends FilterInputStream {
        private final AtomicLong count;

        Counting(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            if (in != System.in) {
                super.close();
            }
        }
    }
}
