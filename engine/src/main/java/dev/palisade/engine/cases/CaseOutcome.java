package dev.palisade.engine.cases;

import java.util.List;
import java.util.Set;

/**
 * How one case went. {@code expected} and {@code got} are short lines for people
 * ({@code DENY by palisade.authz/x}); {@code deciding} names each rule that decided, with its
 * {@code file:line:col}; {@code rulesHit} is every rule id the evaluation reported, for coverage.
 */
public record CaseOutcome(String name, String location, boolean passed, String expected, String got,
                          List<String> deciding, Set<String> rulesHit) {
    public CaseOutcome {
        deciding = List.copyOf(deciding);
        rulesHit = Set.copyOf(rulesHit);
    }
}
