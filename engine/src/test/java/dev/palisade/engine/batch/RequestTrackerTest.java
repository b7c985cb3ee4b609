package dev.palisade.engine.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.palisade.engine.audit.RecordedDecision;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stage merging over a window of 4 requests, so that a few events outlive it: a request still
 * open is remembered beyond the window (its last stage merges), a finished one is not.
 */
class RequestTrackerTest {
    private static final int WINDOW = 4;

    /** One stage event: auditID, stage, what it records. */
    private record Stage(String auditID, String stage, RecordedDecision recorded) {
    }

    private static Stage done(String id) {
        return new Stage(id, "ResponseComplete", RecordedDecision.ALLOW);
    }

    private static List<Stage> others(String prefix, int n) {
        List<Stage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(done(prefix + i));
        }
        return out;
    }

    @SafeVarargs
    private static List<Stage> log(List<Stage>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }

    static Stream<Arguments> cases() {
        Stage watchStarted = new Stage("watch", "ResponseStarted", RecordedDecision.ALLOW);
        Stage received = new Stage("slow", "RequestReceived", RecordedDecision.UNKNOWN);
        Stage panic = new Stage("slow", "Panic", RecordedDecision.DENY);
        List<Stage> watchesOpened = new ArrayList<>();
        for (int i = 0; i < 3 * WINDOW; i++) {
            watchesOpened.add(new Stage("w" + i, "ResponseStarted", RecordedDecision.ALLOW));
        }
        return Stream.of(
                // name, log, requests, stages merged, auditIDs reused, what the first auditID's request recorded
                Arguments.of("a watch's last stage merges long after its start",
                        log(List.of(watchStarted), others("o", 5 * WINDOW), List.of(done("watch"))),
                        1 + 5 * WINDOW, 1, 0, RecordedDecision.ALLOW),
                Arguments.of("a request received long before it panics is settled by the panic",
                        log(List.of(received), others("o", 5 * WINDOW), List.of(panic)),
                        1 + 5 * WINDOW, 1, 0, RecordedDecision.DENY),
                Arguments.of("a finished request's auditID is forgotten after the window",
                        log(List.of(done("x")), others("o", 5 * WINDOW), List.of(done("x"))),
                        2 + 5 * WINDOW, 0, 0, RecordedDecision.ALLOW),
                Arguments.of("within the window, a finished request's repeat merges",
                        log(List.of(done("x")), others("o", WINDOW - 1), List.of(done("x"))),
                        1 + (WINDOW - 1), 1, 0, RecordedDecision.ALLOW),
                Arguments.of("a watch's last stage repeated soon after merges too",
                        log(List.of(watchStarted), others("o", 5 * WINDOW), List.of(done("watch")),
                                others("p", WINDOW - 1), List.of(done("watch"))),
                        1 + 6 * WINDOW - 1, 2, 0, RecordedDecision.ALLOW),
                Arguments.of("a window after its last stage, a watch is forgotten like any request",
                        log(List.of(watchStarted), others("o", 5 * WINDOW), List.of(done("watch")),
                                others("p", 5 * WINDOW), List.of(done("watch"))),
                        2 + 10 * WINDOW, 1, 0, RecordedDecision.ALLOW),
                // the first watch has 3 windows of watches opened after it and still open: it is forgotten
                Arguments.of("open requests are bounded by how many are open at once",
                        log(watchesOpened, List.of(done("w0"), done("w" + (3 * WINDOW - 1)))),
                        3 * WINDOW + 1, 1, 0, RecordedDecision.ALLOW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mergesStages(String name, List<Stage> log, int requests, int merged, int reused, RecordedDecision first) {
        List<JudgedRequest> settled = new ArrayList<>();
        int[] counts = new int[2];
        RequestTracker tracker = new RequestTracker(new RequestTracker.Sink() {
            @Override
            public void request(JudgedRequest request) {
                settled.add(request);
            }

            @Override
            public void merged(StageEvent event) {
                counts[0]++;
            }

            @Override
            public void reusedAuditId(StageEvent event) {
                counts[1]++;
            }
        }, WINDOW);
        for (int i = 0; i < log.size(); i++) {
            tracker.offer(event(log.get(i), i + 1));
        }
        tracker.finish();
        assertEquals(requests, settled.size(), "requests");
        assertEquals(merged, counts[0], "stages merged");
        assertEquals(reused, counts[1], "auditIDs reused");
        String id = log.get(0).auditID();
        assertEquals(first, settled.stream().filter(r -> r.auditID().equals(id)).findFirst().orElseThrow().recorded(),
                "recorded for " + id);
    }

    /**
     * A distributed replay makes one unbounded tracker per part of an input, and a run over
     * 16,000 small files makes 16,000 of them: sized up front for 100,000 IDs, each zeroed 8 MiB,
     * and the map side spent most of its time on that and on collecting it.
     */
    @Test
    void anUnboundedTrackerStartsSmall() {
        var threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean bean && bean.isThreadAllocatedMemorySupported(),
                "this JVM does not count the bytes a thread allocates");
        var bean = (com.sun.management.ThreadMXBean) threads;
        long before = bean.getCurrentThreadAllocatedBytes();
        List<RequestTracker> made = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            made.add(new RequestTracker(new Counts(), RequestTracker.UNBOUNDED));
        }
        long perTracker = (bean.getCurrentThreadAllocatedBytes() - before) / made.size();
        assertTrue(perTracker < 256 * 1024, "an unbounded tracker allocated " + perTracker + " bytes before any event");
    }

    /** Starting small, an unbounded tracker still remembers every auditID as it grows. */
    @Test
    void anUnboundedTrackerRemembersEveryAuditId() {
        Counts counts = new Counts();
        RequestTracker tracker = new RequestTracker(counts, RequestTracker.UNBOUNDED);
        int n = 300_000;
        for (int i = 0; i < n; i++) {
            tracker.offer(event(done("id" + i), i + 1));
        }
        tracker.offer(event(done("id0"), n + 1));
        tracker.offer(event(done("id" + (n - 1)), n + 2));
        tracker.finish();
        assertEquals(n, counts.requests, "requests");
        assertEquals(2, counts.merged, "stages merged");
    }

    private static final class Counts implements RequestTracker.Sink {
        int requests;
        int merged;

        @Override
        public void request(JudgedRequest request) {
            requests++;
        }

        @Override
        public void merged(StageEvent event) {
            merged++;
        }

        @Override
        public void reusedAuditId(StageEvent event) {
        }
    }

    private static StageEvent event(Stage s, long line) {
        Place place = new Place("audit.log", line, -1);
        return new StageEvent() {
            @Override
            public Place place() {
                return place;
            }

            @Override
            public String auditID() {
                return s.auditID();
            }

            @Override
            public String stage() {
                return s.stage();
            }

            @Override
            public RecordedDecision recorded() {
                return s.recorded();
            }

            @Override
            public long requestKey() {
                return RequestTracker.hash(s.auditID()) * 31 + 7; // one user, verb and URI throughout
            }

            @Override
            public JudgedRequest settle(RecordedDecision recorded) {
                return new JudgedRequest(place, s.auditID(), "alice", "", "get", "", "pods", "", "default", "", "",
                        recorded, null, false, null, 0);
            }
        };
    }
}
