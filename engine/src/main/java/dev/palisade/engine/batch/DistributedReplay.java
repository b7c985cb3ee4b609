package dev.palisade.engine.batch;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.AdmissionPlugin;
import dev.palisade.engine.audit.RecordedDecision;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The single-machine replay ({@link BatchRunner}) cut into the parts a distributed runner (the
 * {@code palisade-spark} job) puts together, so that both decide and count with the same code:
 * <ol>
 *   <li>{@link Reader}: reads one input (a file, or a run of whole lines cut out of one) exactly
 *       as {@code batch} does (gzip by its bytes, EventList documents, limits, malformed lines) and
 *       judges each event with the engine; it hands on serializable {@link Event}s and
 *       {@link Problem}s.</li>
 *   <li>{@link Merger}: fed the events of each auditID together, in input order, it merges their
 *       stages ({@link RequestTracker}) into requests and counts them ({@link ReportBuilder}) into a
 *       partial {@link Summary}.</li>
 *   <li>{@link Summary#merge}: partial summaries add up to the report one run over everything in
 *       input order would have made.</li>
 * </ol>
 * What every part shares, the run's {@link RunInputs}, is one object made once: partial
 * summaries do not carry it, so that a run of many small files (each its own part) does not
 * ship, read and index the list of all of them once per part.
 * The one difference: {@code batch} forgets a finished request's auditID after a window of
 * 100,000–200,000 requests (an open request is remembered while it is open), while events
 * grouped by auditID are merged whatever their distance. A request's stages are logged within
 * its lifetime, so the answers are the same on real logs; they differ only for an auditID
 * reused by the same user, verb and URI a window after its request finished.
 */
public final class DistributedReplay {
    private DistributedReplay() {}

    /** The admission plugins as the report names them. */
    public static List<String> admissionPlugins(PolicyEngine engine) {
        return engine.admissionPlugins().stream().map(AdmissionPlugin::describe).toList();
    }

    /** The report's notes on how the run judges (e.g. decisions not memoised). */
    public static List<String> notes(PolicyEngine engine) {
        return BatchRunner.notes(engine);
    }

    /**
     * One judged audit event, as stage merging and the report need it: serializable, so that the
     * events of one auditID can meet wherever they were read.
     *
     * @param asRecorded the request this event settles with its own recorded decision
     */
    public record Event(Place place, String auditID, String stage, RecordedDecision recorded, long requestKey,
                        JudgedRequest asRecorded) implements StageEvent, Serializable {
        static Event of(JudgedEvent e, long lineOffset) {
            JudgedEvent placed = lineOffset == 0 ? e : new JudgedEvent(shift(e.place(), lineOffset), e.event(),
                    e.request(), e.judgement(), e.admission());
            RecordedDecision recorded = placed.recorded();
            return new Event(placed.place(), placed.auditID(), placed.stage(), recorded, placed.requestKey(),
                    placed.settle(recorded));
        }

        @Override
        public JudgedRequest settle(RecordedDecision settled) {
            // RequestTracker settles with the event's own decision, or as unknown
            return settled == recorded ? asRecorded : asRecorded.withRecorded(settled);
        }
    }

    /**
     * The run's inputs, in order: their names are the places' files, their order is the order of
     * the examples. One per run, shared by every part of it (on Spark, a broadcast: one copy per
     * executor JVM), its index built once per JVM when first needed.
     */
    public static final class RunInputs implements Serializable {
        private static final long serialVersionUID = 1L;
        private final List<String> names;
        private transient volatile InputOrder order;

        public RunInputs(List<String> names) {
            this.names = List.copyOf(names);
        }

        public List<String> names() {
            return names;
        }

        InputOrder order() {
            InputOrder o = order;
            if (o == null) { // two threads may both build it: the same index either way
                o = new InputOrder(names);
                order = o;
            }
            return o;
        }
    }

    /** Where a {@link Reader} hands its results, in input order. */
    public interface Sink {
        void event(Event event);

        void problem(Problem problem);
    }

    /**
     * Reads and judges inputs on one thread, with one engine (build the engine once per JVM and
     * a reader per task: a reader memoises decisions as a {@code batch} worker does).
     */
    public static final class Reader {
        private final PolicyEngine engine;
        private final ChunkWorker worker;

        public Reader(PolicyEngine engine) {
            this.engine = engine;
            this.worker = new ChunkWorker(engine, BatchRunner.memoises(engine), !engine.admissionPlugins().isEmpty());
        }

        /**
         * Reads {@code raw} (gzip or not, recognised by its bytes) to its end as the input
         * {@code name}. {@code fileStart}: {@code raw} is a whole file (a pretty-printed document
         * is recognised by its first line); else it is a run of whole lines of a JSON-lines file
         * whose first line is line {@code lineOffset + 1} of {@code name}.
         *
         * @return how many records (non-blank lines, document items) were read
         */
        public long read(String name, InputStream raw, boolean fileStart, long lineOffset, Sink sink)
                throws IOException, InterruptedException {
            return read(name, raw, fileStart, lineOffset, -1, sink);
        }

        /**
         * As {@link #read(String, InputStream, boolean, long, Sink)}, with buffers sized for
         * {@code rawBytes}, the bytes of {@code raw} (-1: not known; see {@link LogSource#bufferBytes}).
         */
        public long read(String name, InputStream raw, boolean fileStart, long lineOffset, long rawBytes, Sink sink)
                throws IOException, InterruptedException {
            int bufferBytes = LogSource.bufferBytes(rawBytes);
            long[] records = new long[1];
            LogReader reader = new LogReader(chunk -> {
                records[0] += chunk.count();
                for (Outcome o : worker.process(chunk)) {
                    if (o instanceof JudgedEvent e) {
                        sink.event(Event.of(e, lineOffset));
                    } else if (o instanceof Problem p) {
                        sink.problem(lineOffset == 0 ? p : new Problem(shift(p.place(), lineOffset), p.message(),
                                p.restSkipped()));
                    }
                }
            }, engine.limits());
            try (InputStream in = fileStart ? LogSource.decompressed(raw, bufferBytes) : raw) {
                reader.read(name, in, fileStart, bufferBytes);
            }
            return records[0];
        }
    }

    private static Place shift(Place p, long lines) {
        return new Place(p.file(), p.line() + lines, p.item());
    }

    /**
     * Merges stages into requests and counts them. Feed it the events of one auditID together,
     * in input order, then call {@link #endOfAuditId()}; events without an auditID, problems and
     * record counts in any order.
     */
    public static final class Merger {
        private final ReportBuilder report;
        private final RequestTracker tracker;

        /**
         * @param inputs the run's inputs
         * @param each sees each request as it is settled (the per-event output), or null
         */
        public Merger(RunInputs inputs, int examples, List<String> admissionPlugins, List<String> notes,
                      java.util.function.Consumer<JudgedRequest> each) {
            this(inputs, examples, admissionPlugins, notes, each, BatchRunner.DEDUPE_WINDOW);
        }

        /**
         * A merger fed one part of an input in input order, with events of many auditIDs
         * interleaved (each auditID's events all in that part): it remembers every auditID it
         * sees, so that each request comes out as a merger fed its events together would make it.
         */
        public static Merger ofInputPart(RunInputs inputs, int examples, List<String> admissionPlugins,
                                         List<String> notes, java.util.function.Consumer<JudgedRequest> each) {
            return new Merger(inputs, examples, admissionPlugins, notes, each, RequestTracker.UNBOUNDED);
        }

        private final RunInputs inputs;

        private Merger(RunInputs inputs, int examples, List<String> admissionPlugins, List<String> notes,
                       java.util.function.Consumer<JudgedRequest> each, int window) {
            this.inputs = inputs;
            this.report = new ReportBuilder(inputs.names(), examples, admissionPlugins, notes, new RequestTracker.Sink() {
                @Override public void request(JudgedRequest r) {
                    if (each != null) {
                        each.accept(r);
                    }
                }
                @Override public void merged(StageEvent e) { }
                @Override public void reusedAuditId(StageEvent e) { }
            }).inAnyOrder(inputs.order());
            this.tracker = new RequestTracker(report, window);
        }

        public void records(long n) {
            report.records += n;
        }

        public void problem(Problem p) {
            report.problem(p);
        }

        public void event(Event e) {
            report.event(e);
            tracker.offer(e);
        }

        /** The current auditID's events are all in: a lone RequestReceived is settled as unknown. */
        public void endOfAuditId() {
            tracker.finish();
        }

        public Summary summary() {
            tracker.finish();
            return new Summary(report, inputs);
        }
    }

    /**
     * A partial report: serializable, and partial reports of one run merge into its report. It
     * is sent without its run's inputs: one that was sent is given them again ({@link #of})
     * before anything is merged into it or it is built.
     */
    public static final class Summary implements Serializable {
        private static final long serialVersionUID = 2L;
        private final ReportBuilder report;
        private transient RunInputs inputs;

        private Summary(ReportBuilder report, RunInputs inputs) {
            this.report = report;
            this.inputs = inputs;
        }

        /** This summary, of the run with {@code inputs} (a summary that was sent has none). */
        public Summary of(RunInputs inputs) {
            this.inputs = inputs;
            report.inputs(inputs.names());
            return this;
        }

        /** Adds {@code other} (of the same run; it may have been sent) into this one (returned). */
        public Summary merge(Summary other) {
            report.merge(other.report, run().order());
            return this;
        }

        /** The report, with the {@code top} most denied users, resources and rules. */
        public BatchReport build(int top) {
            run();
            return report.build(top);
        }

        private RunInputs run() {
            if (inputs == null) {
                throw new IllegalStateException("a summary that was sent has no inputs: give it its run's (of) first");
            }
            return inputs;
        }
    }

    /** Input order of places: by the input's position in the run, then line, then item. */
    static final class InputOrder implements Comparator<Place>, Serializable {
        private static final long serialVersionUID = 1L;
        private final Map<String, Integer> index = new HashMap<>();

        InputOrder(List<String> inputs) {
            for (int i = 0; i < inputs.size(); i++) {
                index.putIfAbsent(inputs.get(i), i);
            }
        }

        @Override
        public int compare(Place a, Place b) {
            int c = Integer.compare(index.getOrDefault(a.file(), Integer.MAX_VALUE),
                    index.getOrDefault(b.file(), Integer.MAX_VALUE));
            if (c == 0) {
                c = a.file().compareTo(b.file());
            }
            if (c == 0) {
                c = Long.compare(a.line(), b.line());
            }
            return c != 0 ? c : Integer.compare(a.item(), b.item());
        }
    }

    /** The {@code --events} line of a request, byte for byte as {@link EventsWriter} writes it (without the newline). */
    public static final class EventLines {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        private final JsonGenerator json;

        public EventLines() {
            try {
                json = EventsWriter.FACTORY.createGenerator(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            json.setRootValueSeparator(null);
        }

        public String line(JudgedRequest r) {
            try {
                bytes.reset();
                RequestJson.write(json, r);
                json.flush();
                return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
