package dev.palisade.engine.batch;

import dev.palisade.engine.audit.RecordedDecision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Accumulates a {@link BatchReport} from the ordered stream; single-threaded (the pipeline's last stage). */
final class ReportBuilder implements RequestTracker.Sink {
    static final String SKIP_UNAUTHENTICATED = "unauthenticated (401): never reached authorization";
    private static final int TOP_CAPACITY = 4096;

    private final List<String> inputs;
    private final int examples;
    private final RequestTracker.Sink downstream;
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

    /** {@code downstream} sees each judged request too (the {@code --events} writer, listeners). */
    ReportBuilder(List<String> inputs, int examples, List<String> admissionPlugins, List<String> notes,
                  RequestTracker.Sink downstream) {
        this.inputs = List.copyOf(inputs);
        this.admissionPlugins = List.copyOf(admissionPlugins);
        this.notes = List.copyOf(notes);
        this.examples = examples;
        this.downstream = downstream;
    }

    void problem(Problem p) {
        malformed++;
        if (malformedExamples.size() < examples * 10) {
            malformedExamples.add(p);
        }
    }

    void event(JudgedEvent e) {
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
            if (newlyDeniedExamples.size() < examples) {
                newlyDeniedExamples.add(r);
            }
        } else if (r.newlyAllowed()) {
            newlyAllowed++;
            if (newlyAllowedExamples.size() < examples) {
                newlyAllowedExamples.add(r);
            }
        }
        downstream.request(r);
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
    public void merged(JudgedEvent event) {
        merged++;
        downstream.merged(event);
    }

    @Override
    public void reusedAuditId(JudgedEvent event) {
        reused++;
        if (reusedExamples.size() < examples) {
            reusedExamples.add(event.place());
        }
        downstream.reusedAuditId(event);
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
