package dev.palisade.server;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One JSON line per request: time, remote, method, path, status, verdict, latency in µs, bytes
 * in and out. Never a query string, header or body (they may hold tokens). Lines are buffered and
 * flushed at least every second by the server, and on close.
 */
public final class AccessLog implements AutoCloseable {
    /** An access log that writes nothing. */
    public static final AccessLog OFF = new AccessLog(null);

    private final OutputStream out;

    public AccessLog(OutputStream out) {
        this.out = out == null ? null : new BufferedOutputStream(out, 64 * 1024);
    }

    public void record(Instant time, String remote, String method, String path, int status, String verdict,
                       long latencyMicros, long bytesIn, long bytesOut) {
        if (out == null) {
            return;
        }
        StringBuilder b = new StringBuilder(200);
        b.append("{\"time\":\"").append(time).append("\",\"remote\":");
        quote(b, remote);
        b.append(",\"method\":");
        quote(b, method);
        b.append(",\"path\":");
        quote(b, path);
        b.append(",\"status\":").append(status).append(",\"verdict\":");
        quote(b, verdict);
        b.append(",\"latency_us\":").append(latencyMicros)
                .append(",\"bytes_in\":").append(bytesIn)
                .append(",\"bytes_out\":").append(bytesOut).append("}\n");
        byte[] line = b.toString().getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                out.write(line);
            } catch (IOException e) {
                // a full disk must not fail requests; the log is best effort
            }
        }
    }

    public synchronized void flush() {
        if (out != null) {
            try {
                out.flush();
            } catch (IOException e) {
                // best effort, as record
            }
        }
    }

    @Override
    public synchronized void close() {
        flush();
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s == null ? "" : s, b);
        b.append('"');
    }
}
