package dev.palisade.spark;

import dev.palisade.engine.batch.LogSource;
import dev.palisade.engine.wire.JsonLines;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * The one pass over a split before it is judged: counts its newlines (so that every line keeps
 * its number) and collects the hashes of the auditIDs its lines hold (so that only requests
 * whose events may lie in other splits cross the shuffle). Reads the lines the split's task
 * will read ({@link SplitReading}): a range's own lines, a whole file decompressed.
 */
final class SplitScan {
    /**
     * @param newlines newlines in {@code [max(start - 1, 0), end - 1)} of a range (0 for a whole file)
     * @param opaque some line's auditIDs could not be told: every event of the run must meet on the shuffle
     * @param hashes the distinct hashes of the auditIDs found, in no particular order
     */
    record Result(long newlines, boolean opaque, long[] hashes) {
    }

    private static final byte NL = '\n';
    private final AuditIds ids;
    private final long maxLineBytes;
    private final boolean wholeFile;
    private final BucketedLongs hashes = new BucketedLongs();
    private final java.util.function.LongConsumer add = hashes::add;
    private boolean unsure;
    private boolean parsed;
    private boolean documentOpener;
    private byte[] carry = new byte[1 << 12];
    private int carried;
    private boolean carryTooLong;

    /** @param maxLineBytes the engine's {@code limits.maxAuditLineBytes}: longer lines are skipped, as the reader skips them */
    private SplitScan(IdHash hash, long maxLineBytes, boolean wholeFile) {
        this.ids = new AuditIds(hash);
        this.wholeFile = wholeFile;
        // a margin: a line the reader keeps must never be skipped here
        this.maxLineBytes = maxLineBytes + 16;
    }

    static Result read(Split s, Configuration conf, IdHash hash, long maxLineBytes) throws IOException {
        SplitScan scan = new SplitScan(hash, maxLineBytes, s.whole());
        if (s.whole()) {
            int buffer = SplitReading.bufferBytes(s);
            try (InputStream in = LogSource.decompressed(SplitReading.openWhole(s, conf), buffer)) {
                scan.whole(in, buffer);
            } catch (IOException e) {
                // the reader stops where the input breaks (a truncated gzip); where exactly is not worth matching here
                scan.unsure = true;
            }
            return scan.result(0);
        }
        try (FSDataInputStream raw = SplitReading.openFile(new Path(s.uri()), conf)) {
            return scan.result(scan.range(raw, s.start(), s.end()));
        }
    }

    private void whole(InputStream in, int bufferBytes) throws IOException {
        byte[] buf = new byte[bufferBytes];
        int n;
        while ((n = in.read(buf)) > 0) {
            lines(buf, 0, n); // a whole file's lines need no numbering here
        }
        endOfInput();
    }

    /** The lines that start in {@code [start, end)}, as {@link SplitReading#open} reads them; returns the newline count. */
    private long range(FSDataInputStream raw, long start, long end) throws IOException {
        long from = Math.max(start - 1, 0);
        raw.seek(from);
        byte[] buf = new byte[1 << 16];
        long newlines = 0;
        long pos = from;
        boolean skipping = start > 0; // the line that ends at or after start - 1 is the previous split's
        int n;
        while ((n = raw.read(buf, 0, buf.length)) > 0) {
            int i = 0;
            if (skipping) {
                while (i < n && buf[i] != '\n') {
                    i++;
                }
                if (i == n) {
                    pos += n;
                    continue;
                }
                skipping = false;
                if (pos + i < end - 1) {
                    newlines++;
                }
                i++;
                if (pos + i >= end) {
                    return newlines;
                }
            }
            // this split's lines end with the first newline at or after end - 1, which is not counted
            int stop = n;
            boolean last = false;
            int k = ByteSearch.indexOf(buf, (int) Math.max(i, Math.min(n, end - 1 - pos)), n, NL);
            if (k < n) {
                stop = k + 1;
                last = true;
            }
            newlines += lines(buf, i, stop);
            if (last) {
                return newlines - 1;
            }
            pos += n;
        }
        endOfInput();
        return newlines;
    }

    /** Scans the complete lines in {@code b[from, to)}, a last line without its newline is carried; returns the newlines. */
    private int lines(byte[] b, int from, int to) {
        int newlines = 0;
        int start = from;
        for (int i = ByteSearch.indexOf(b, from, to, NL); i < to; i = ByteSearch.indexOf(b, i + 1, to, NL)) {
            if (carried > 0 || carryTooLong) {
                append(b, start, i);
                if (!carryTooLong) {
                    line(carry, 0, carried);
                }
                carried = 0;
                carryTooLong = false;
            } else {
                line(b, start, i);
            }
            start = i + 1;
            newlines++;
        }
        append(b, start, to);
        return newlines;
    }

    private void endOfInput() {
        if (carried > 0 && !carryTooLong) {
            line(carry, 0, carried);
        }
        carried = 0;
        carryTooLong = false;
    }

    private void append(byte[] b, int from, int to) {
        int len = to - from;
        if (len == 0 || carryTooLong) {
            return;
        }
        if ((long) carried + len > maxLineBytes) {
            carryTooLong = true; // the reader skips such a line: nothing of it is judged
            carried = 0;
            return;
        }
        if (carried + len > carry.length) {
            carry = Arrays.copyOf(carry, Math.max(carried + len, carry.length * 2));
        }
        System.arraycopy(b, from, carry, carried, len);
        carried += len;
    }

    private void line(byte[] b, int from, int to) {
        if (to - from > maxLineBytes) {
            return;
        }
        if (wholeFile && JsonLines.opensDocument(b, from, to)) {
            documentOpener = true;
        }
        if (!ids.scan(b, from, to, add)) {
            parsed = true;
            if (!ids.parse(b, from, to, add)) {
                unsure = true;
            }
        }
    }

    private Result result(long newlines) {
        // a line parsed on its own says nothing of a pretty-printed document, where it is a fragment (only a
        // whole file can be one: ranges are cut out of files whose first line does not open one)
        boolean opaque = unsure || (parsed && documentOpener);
        return new Result(newlines, opaque, hashes.distinct());
    }
}
