package dev.palisade.engine.cases;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Every case of one file that ran (after {@code --run}), the rules it could have exercised, and the time taken. */
public record CaseFileResult(CaseFile file, List<CaseOutcome> outcomes, List<RuleRef> rules, long nanos) {
    public CaseFileResult {
        outcomes = List.copyOf(outcomes);
        rules = List.copyOf(rules);
    }

    public boolean passed() {
        return outcomes.stream().allMatch(CaseOutcome::passed);
    }

    public long failures() {
        return outcomes.stream().filter(o -> !o.passed()).count();
    }

    /** The rules no case of this file reported, in id order. */
    public List<RuleRef> uncovered() {
        Set<String> hit = new TreeSet<>();
        outcomes.forEach(o -> hit.addAll(o.rulesHit()));
        return rules.stream().filter(r -> !hit.contains(r.id())).toList();
    }
}
