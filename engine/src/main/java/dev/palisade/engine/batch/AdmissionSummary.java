package dev.palisade.engine.batch;

import java.util.List;
import java.util.Map;

/**
 * Admission's part of a {@link BatchReport}: requests are counted once (stage events merged),
 * and only requests admission runs for (writes whose body was logged).
 *
 * @param plugins the admission plugins replayed through, in order; empty when none is configured
 * @param replayed requests admitted on replay
 * @param allowed of those, admitted
 * @param denied of those, denied (each is a denied request in the totals too)
 * @param newlyDenied allowed by the cluster, denied by admission now
 * @param warned requests admitted with warnings
 * @param warnings warnings in all (a request may have several)
 * @param notReached writes authorization denies now, so admission never sees them
 * @param notReplayed writes admission would see but the log lacks what it saw, by reason
 * @param topRules the checks or rules that deny most, among requests denied by admission
 */
public record AdmissionSummary(List<String> plugins, long replayed, long allowed, long denied, long newlyDenied,
                               long warned, long warnings, long notReached, Map<String, Long> notReplayed,
                               List<TopCounter.Entry> topRules) {
    public AdmissionSummary {
        plugins = List.copyOf(plugins);
        notReplayed = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(notReplayed));
        topRules = List.copyOf(topRules);
    }

    public boolean enabled() {
        return !plugins.isEmpty();
    }

    public long notReplayedTotal() {
        return notReplayed.values().stream().mapToLong(Long::longValue).sum();
    }
}
