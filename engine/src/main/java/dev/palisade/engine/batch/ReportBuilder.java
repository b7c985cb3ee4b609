package dev.palisade.engine.batch;

import dev.palisade.engine.audit.RecordedDecision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Accumulates a {@link BatchReport} from the ordered stream; single-threaded (the pipeline's last stage). */
final class ReportBuilder implements RequestTracker.Sink, java.io.Serializable {
    static final String SKIP_UNAUTHENTICATED = "unauthenticated (401): never reached authorization";
    private static final int TOP_CAPACITY = 4096;

    /** Not shipped with a distributed replay's partial summaries (one run's many parts would each carry them): given again. */
    private transient List<String> inputs;
    private final int examples;
    /** Not shipped with a distributed replay's partial summaries: null there. */
    private transient RequestTracker.Sink downstream;
    long records;
    long events;
    private long requests;
    private long merged;
    private final Map<String, Long> recorded = new HashMap<>();
    private final Map<String, Long> now = new HashMap<>();
    private long newlyDenied;
    private long newlyAllowed;
    private final List<JudgedRequest> newlyDeniedExamples = new ArrayList<>();
    private final List<JudgedRequest> newlyAllowedExamples = new ArrayList<>();
    private final TopCounter users = new TopCounter(TOP_CAPACITY);
    private final TopCounter resources = new TopCounter(TOP_CAPACITY);
    private final TopCounter rules = new TopCounter(TOP_CAPACITY);
    private final Map<String, Long> skipped = new HashMap<>();
    private long reused;
    private final List<Place> reusedExamples = new ArrayList<>();
    private long malformed;
    private final List<Problem> malformedExamples = new ArrayList<>();
    private final List<String> admissionPlugins;
    private final List<String> notes;
    private long admitted;
    private long admissionAllowed;
    private long admissionDenied;
    private long admissionNewlyDenied;
    private long warned;
    private long warnings;
    private long notReached;
    private final Map<String, Long> notReplayed = new HashMap<>();
    private final TopCounter admissionRules = new TopCounter(TOP_CAPACITY);
    private final TimeHistogram overTime = new TimeHistogram();
    /**
     * Null: requests come in input order, and the examples are the first ones seen. Else they
     * come in any order (a distributed replay's partition, grouped by auditID), and the examples
     * are the first ones by this order.
     */
    private transient java.util.Comparator<Place> inputOrder;

    /** {@code downstream} sees each judged request too (the {@code --events} writer, listeners). */
    ReportBuilder(List<String> inputs, int examples, List<String> admissionPlugins, List<String> notes,
                  RequestTracker.Sink downstream) {
        this.inputs = List.copyOf(inputs);
        this.admissionPlugins = List.copyOf(admissionPlugins);
        this.notes = List.copyOf(notes);
        this.examples = examples;
        this.downstream = downstream;
    }

    /** Requests, problems and reused auditIDs may come in any order; examples are the first by {@code order}. */
    ReportBuilder inAnyOrder(java.util.Comparator<Place> order) {
        this.inputOrder = order;
        return this;
    }

    /** The run's inputs again, after this builder was sent without them. */
    void inputs(List<String> names) {
        this.inputs = List.copyOf(names);
    }

    void problem(Problem p) {
        malformed++;
        example(malformedExamples, p, Problem::place, examples * 10);
    }

    private <T> void example(List<T> list, T item, java.util.function.Function<T, Place> place, int cap) {
        if (inputOrder == null) {
            if (list.size() < cap) {
                list.add(item);
            }
            return;
        }
        if (cap == 0) {
            return;
        }
        java.util.Comparator<T> order = java.util.Comparator.comparing(place, inputOrder);
        if (list.size() == cap && order.compare(item, list.get(cap - 1)) >= 0) {
            return;
        }
        int at = java.util.Collections.binarySearch(list, item, order);
        list.add(at < 0 ? -at - 1 : at, item);
        if (list.size() > cap) {
            list.remove(cap);
        }
    }

    void event(StageEvent e) {
        events++;
    }

    @Override
    public void request(JudgedRequest r) {
        if (r.recorded() == RecordedDecision.UNAUTHENTICATED) {
            skipped.merge(SKIP_UNAUTHENTICATED, 1L, Long::sum);
            return;
        }
        requests++;
        admission(r);
        recorded.merge(r.recorded().label(), 1L, Long::sum);
        now.merge(r.decisionLabel(), 1L, Long::sum);
        overTime.add(r.timestamp(), r.judgement().allowed(), r.newlyDenied() || r.newlyAllowed());
        if (!r.judgement().allowed()) {
            users.add(r.user());
            resources.add(r.resourceLabel());
            rules.add(r.judgement().rule().isEmpty() ? "(none)" : r.judgement().rule());
        }
        if (r.newlyDenied()) {
            newlyDenied++;
            example(newlyDeniedExamples, r, JudgedRequest::place, examples);
        } else if (r.newlyAllowed()) {
            newlyAllowed++;
            example(newlyAllowedExamples, r, JudgedRequest::place, examples);
        }
        if (downstream != null) {
            downstream.request(r);
        }
    }

    private void admission(JudgedRequest r) {
        AdmissionVerdict a = r.admission();
        switch (a.state()) {
            case NONE -> { }
            case NOT_REACHED -> notReached++;
            case NOT_REPLAYED -> notReplayed.merge(a.reason(), 1L, Long::sum);
            case ALLOWED -> admissionAllowed++;
            case DENIED -> {
                admissionDenied++;
                admissionRules.add(a.rule());
                if (r.newlyDeniedByAdmission()) {
                    admissionNewlyDenied++;
                }
            }
        }
        if (a.replayed()) {
            admitted++;
            if (!a.warnings().isEmpty()) {
                warned++;
                warnings += a.warnings().size();
            }
        }
    }

    @Override
    public void merged(StageEvent event) {
        merged++;
        if (downstream != null) {
            downstream.merged(event);
        }
    }

    @Override
    public void reusedAuditId(StageEvent event) {
        reused++;
        example(reusedExamples, event.place(), p -> p, examples);
        if (downstream != null) {
            downstream.reusedAuditId(event);
        }
    }

    /**
     * Adds {@code other}, a partial summary of other requests of the same run (a distributed
     * replay's partitions): counts add up, and the example lists keep the first ones in input
     * order ({@code inputOrder}), as one builder fed the whole run in order would.
     */
    void merge(ReportBuilder other, java.util.Comparator<Place> inputOrder) {
        records += other.records;
        events += other.events;
        requests += other.requests;
        merged += other.merged;
        other.recorded.forEach((k, v) -> recorded.merge(k, v, Long::sum));
        other.now.forEach((k, v) -> now.merge(k, v, Long::sum));
        newlyDenied += other.newlyDenied;
        newlyAllowed += other.newlyAllowed;
        java.util.Comparator<JudgedRequest> byPlace = java.util.Comparator.comparing(JudgedRequest::place, inputOrder);
        firstOf(newlyDeniedExamples, other.newlyDeniedExamples, byPlace, examples);
        firstOf(newlyAllowedExamples, other.newlyAllowedExamples, byPlace, examples);
        users.merge(other.users);
        resources.merge(other.resources);
        rules.merge(other.rules);
        other.skipped.forEach((k, v) -> skipped.merge(k, v, Long::sum));
        reused += other.reused;
        firstOf(reusedExamples, other.reusedExamples, inputOrder, examples);
        malformed += other.malformed;
        firstOf(malformedExamples, other.malformedExamples, java.util.Comparator.comparing(Problem::place, inputOrder),
                examples * 10);
        admitted += other.admitted;
        admissionAllowed += other.admissionAllowed;
        admissionDenied += other.admissionDenied;
        admissionNewlyDenied += other.admissionNewlyDenied;
        warned += other.warned;
        warnings += other.warnings;
        notReached += other.notReached;
        other.notReplayed.forEach((k, v) -> notReplayed.merge(k, v, Long::sum));
        admissionRules.merge(other.admissionRules);
        overTime.merge(other.overTime);
    }

    private static <T> void firstOf(List<T> into, List<T> more, java.util.Comparator<? super T> order, int cap) {
        into.addAll(more);
        into.sort(order);
        if (into.size() > cap) {
            into.subList(cap, into.size()).clear();
        }
    }

    BatchReport build(int top) {
        return new BatchReport(inputs, records, events, requests, merged, recorded, now, newlyDenied, newlyAllowed,
                newlyDeniedExamples, newlyAllowedExamples, users.top(top), resources.top(top), rules.top(top),
                users.approximate() || resources.approximate() || rules.approximate(),
                skipped, reused, reusedExamples, malformed, malformedExamples,
                new AdmissionSummary(admissionPlugins, admitted, admissionAllowed, admissionDenied,
                        admissionNewlyDenied, warned, warnings, notReached, notReplayed, admissionRules.top(top)),
                notes, overTime.timeline());
    }
}
