package dev.palisade.engine.batch;

import java.util.List;
import java.util.Map;

/**
 * The result of replaying audit logs against a policy. Counts are exact; example lists are the
 * first few in input order (bounded, whatever the log size).
 *
 * @param records JSON values read (non-blank lines, or items of a pretty-printed document)
 * @param events audit events among them (an EventList line counts each item)
 * @param requests requests judged (one per auditID: stage events merged)
 * @param stagesMerged events that were further stages of a request already counted
 * @param recorded how many requests the cluster allowed / denied / left unknown, by label
 * @param now how many requests the policy allows / denies now ("allow", "deny")
 * @param skipped requests or parts not judged, by reason
 * @param malformed how many lines or documents could not be read as events
 * @param admission admission replay: what it judged and what it could not
 * @param notes how the run judged (e.g. decisions not memoised, and why)
 * @param timeline decisions over time, from the events' timestamps (bounded buckets)
 */
public record BatchReport(List<String> inputs, long records, long events, long requests, long stagesMerged,
                          Map<String, Long> recorded, Map<String, Long> now,
                          long newlyDenied, long newlyAllowed, List<JudgedRequest> newlyDeniedExamples,
                          List<JudgedRequest> newlyAllowedExamples,
                          List<TopCounter.Entry> topDeniedUsers, List<TopCounter.Entry> topDeniedResources,
                          List<TopCounter.Entry> topDenyRules, boolean topApproximate,
                          Map<String, Long> skipped, long auditIdsReused, List<Place> auditIdReuseExamples,
                          long malformed, List<Problem> malformedExamples, AdmissionSummary admission,
                          List<String> notes, Timeline timeline) {
    public BatchReport {
        timeline = java.util.Objects.requireNonNullElse(timeline, Timeline.EMPTY);
        inputs = List.copyOf(inputs);
        recorded = Map.copyOf(recorded);
        now = Map.copyOf(now);
        newlyDeniedExamples = List.copyOf(newlyDeniedExamples);
        newlyAllowedExamples = List.copyOf(newlyAllowedExamples);
        topDeniedUsers = List.copyOf(topDeniedUsers);
        topDeniedResources = List.copyOf(topDeniedResources);
        topDenyRules = List.copyOf(topDenyRules);
        skipped = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(skipped));
        auditIdReuseExamples = List.copyOf(auditIdReuseExamples);
        malformedExamples = List.copyOf(malformedExamples);
        notes = List.copyOf(notes);
    }

    /** A report without decisions over time. */
    public BatchReport(List<String> inputs, long records, long events, long requests, long stagesMerged,
                       Map<String, Long> recorded, Map<String, Long> now,
                       long newlyDenied, long newlyAllowed, List<JudgedRequest> newlyDeniedExamples,
                       List<JudgedRequest> newlyAllowedExamples,
                       List<TopCounter.Entry> topDeniedUsers, List<TopCounter.Entry> topDeniedResources,
                       List<TopCounter.Entry> topDenyRules, boolean topApproximate,
                       Map<String, Long> skipped, long auditIdsReused, List<Place> auditIdReuseExamples,
                       long malformed, List<Problem> malformedExamples, AdmissionSummary admission,
                       List<String> notes) {
        this(inputs, records, events, requests, stagesMerged, recorded, now, newlyDenied, newlyAllowed,
                newlyDeniedExamples, newlyAllowedExamples, topDeniedUsers, topDeniedResources, topDenyRules,
                topApproximate, skipped, auditIdsReused, auditIdReuseExamples, malformed, malformedExamples, admission,
                notes, Timeline.EMPTY);
    }

    public long recorded(String label) {
        return recorded.getOrDefault(label, 0L);
    }

    public long now(String label) {
        return now.getOrDefault(label, 0L);
    }

    /** Both directions. */
    public long flips() {
        return newlyDenied + newlyAllowed;
    }
}
