package dev.palisade.engine.batch;

import dev.palisade.engine.audit.AuditEvent;
import dev.palisade.engine.audit.RecordedDecision;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Turns the stream of events into a stream of requests, in order: the stages of one request
 * (same auditID) count once. A request is settled by its first event that records an outcome;
 * a RequestReceived event (which never does) waits for a later stage, and is settled as
 * "unknown" if none comes.
 *
 * <p>Bounded memory: auditIDs are remembered as 64-bit hashes for a sliding window of recent
 * requests (two generations of {@code window} each), and at most {@code window} requests wait.
 * A request still open (no ResponseComplete or Panic logged yet) is remembered beyond that
 * window for as long as it stays open: a watch lasts minutes (client-go asks for 5–10, the
 * apiserver allows 30–60), in which a busy cluster can log more than a window of other
 * requests, and its last stage must still merge, not count as a request of its own. Open
 * requests are bounded too, by how many are open at once (two generations of {@code window}).
 * An auditID that comes back with a different user, verb or URI is a different request (test
 * fixtures reuse IDs); it is judged on its own and counted, so that the reuse is visible.
 */
final class RequestTracker {
    interface Sink {
        void request(JudgedRequest request);

        /** A later (or repeated) stage of a request already counted. */
        void merged(StageEvent event);

        /** An auditID seen before for a different request. */
        void reusedAuditId(StageEvent event);
    }

    /** A window no input part reaches: every auditID is remembered, nothing waiting is evicted. */
    static final int UNBOUNDED = Integer.MAX_VALUE;
    private static final int INITIAL_IDS = 100_000;
    private static final int OPEN_IDS = 1_024;

    private final Sink sink;
    private final int window;
    /** The window: the auditIDs of recent requests. */
    private final Generations recent;
    /** The requests without a last stage yet; null with an unbounded window (nothing is forgotten). */
    private final Generations open;
    private final LinkedHashMap<Long, StageEvent> waiting = new LinkedHashMap<>();

    RequestTracker(Sink sink, int window) {
        this.sink = sink;
        this.window = window;
        // the maps grow as needed. An unbounded window (one part of a distributed replay) starts
        // small: a run over 16,000 small files makes 16,000 trackers, and sizing each for 100,000
        // IDs zeroed 8 MiB apiece (the map side spent most of its time on it and in GC)
        this.recent = new Generations(window, window == UNBOUNDED ? OPEN_IDS : INITIAL_IDS);
        // few requests are open at once (RequestReceived without ResponseComplete yet, watches)
        this.open = window == UNBOUNDED ? null : new Generations(window, OPEN_IDS);
    }

    void offer(StageEvent e) {
        RecordedDecision recorded = e.recorded();
        if (e.auditID().isEmpty()) {
            sink.request(e.settle(recorded)); // nothing to merge by
            return;
        }
        long id = hash(e.auditID());
        long key = e.requestKey();
        boolean seen = true;
        boolean inWindow = true;
        long known;
        if (recent.contains(id)) {
            known = recent.get(id);
        } else if (open != null && open.contains(id)) {
            known = open.get(id); // a long-running request, older than the window
            inWindow = false;
        } else {
            seen = false;
            known = 0;
        }
        boolean last = lastStage(e.stage());
        if (seen && known == key) {
            sink.merged(e);
            if (last && open != null) {
                open.remove(id, key);
            }
            if (!inWindow) {
                recent.put(id, key); // back in the window: a repeat of this stage soon after merges too
            }
            if (recorded != RecordedDecision.UNKNOWN && waiting.remove(key) != null) {
                sink.request(e.settle(recorded));
            }
            return;
        }
        if (seen) {
            sink.reusedAuditId(e);
        }
        recent.put(id, key);
        if (!last && open != null) {
            open.put(id, key);
        }
        if (recorded == RecordedDecision.UNKNOWN && "RequestReceived".equals(e.stage())) {
            waiting.put(key, e);
            if (waiting.size() > window) {
                Iterator<StageEvent> oldest = waiting.values().iterator();
                StageEvent evicted = oldest.next();
                oldest.remove();
                sink.request(evicted.settle(RecordedDecision.UNKNOWN));
            }
            return;
        }
        sink.request(e.settle(recorded));
    }

    /** Settles the requests still waiting for a later stage, oldest first. */
    void finish() {
        for (StageEvent e : waiting.values()) {
            sink.request(e.settle(RecordedDecision.UNKNOWN));
        }
        waiting.clear();
    }

    /** The stages after which a request logs nothing more. */
    private static boolean lastStage(String stage) {
        return "ResponseComplete".equals(stage) || "Panic".equals(stage);
    }

    /**
     * auditID hash to request key, in two generations: when the newer one holds {@code window}
     * entries, the older one is forgotten and the newer takes its place. For the window, that
     * is every request of the last 100,000–200,000; for open requests (removed as they finish),
     * the ones older than {@code window} requests opened after them and still open.
     */
    private static final class Generations {
        private final int window;
        private LongLongMap newer;
        private LongLongMap older;

        Generations(int window, int initial) {
            this.window = window;
            this.newer = new LongLongMap(Math.min(window, initial));
            // an unbounded window never fills its newer generation, so never uses the older one
            this.older = new LongLongMap(window == UNBOUNDED ? 0 : Math.min(window, initial));
        }

        boolean contains(long id) {
            return newer.containsKey(id) || older.containsKey(id);
        }

        /** The key of a present {@code id} (see {@link #contains}); the newer generation's if both have it. */
        long get(long id) {
            return newer.containsKey(id) ? newer.get(id) : older.get(id);
        }

        void put(long id, long key) {
            newer.put(id, key);
            if (newer.size() >= window) {
                // the old generation's arrays are reused, not reallocated
                LongLongMap oldest = older;
                older = newer;
                newer = oldest;
                newer.clear();
            }
        }

        /** Removes {@code id} where it maps to {@code key}. */
        void remove(long id, long key) {
            if (newer.containsKey(id) && newer.get(id) == key) {
                newer.remove(id);
            } else if (older.containsKey(id) && older.get(id) == key) {
                older.remove(id);
            }
        }
    }

    /** What stays the same across the stage events of one request. */
    static long requestKey(AuditEvent e) {
        long h = hash(e.auditID());
        h = mix(h, e.user().name());
        h = mix(h, e.impersonatedUser() == null ? "\0" : e.impersonatedUser().name());
        h = mix(h, e.verb());
        return mix(h, e.requestURI());
    }

    private static long mix(long h, String s) {
        return hash(s) ^ (h * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
    }

    /**
     * FNV-1a over the UTF-16 chars: 64 bits, so that collisions within the window are vanishingly
     * rare, without encoding the string first (getBytes was a visible share of the profile).
     */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            h ^= c & 0xff;
            h *= 0x100000001b3L;
            h ^= c >>> 8;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
