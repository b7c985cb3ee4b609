package dev.palisade.dsl.admission;

import java.util.Objects;

/**
 * One match of a validating rule: the rendered message and the field it is about
 * ({@code spec.containers[0]} for a rule with {@code for each}, else "").
 */
public record Violation(AdmissionRuleInfo rule, String message, String field) {
    public Violation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(field, "field");
    }
}
