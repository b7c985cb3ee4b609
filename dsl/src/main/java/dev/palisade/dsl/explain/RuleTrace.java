package dev.palisade.dsl.explain;

import dev.palisade.dsl.ast.Effect;
import java.util.List;
import java.util.Objects;

/**
 * What one rule made of one request.
 *
 * @param id       the rule's id ({@code package/name})
 * @param effect   allow or deny
 * @param location {@code file:line:col} of the rule
 * @param outcome  matched, missed on exactly one condition, or missed on more
 * @param misses   for a near miss, each condition that alone kept the rule from matching (one per
 *                 alternative of an {@code or} that failed on exactly one condition); else empty
 */
public record RuleTrace(String id, Effect effect, String location, Outcome outcome, List<Miss> misses) {
    public RuleTrace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome");
        misses = List.copyOf(misses);
    }

    public enum Outcome {
        MATCHED,
        /** Every condition but one held (in some alternative of the rule's condition). */
        NEAR_MISS,
        /** Two or more conditions failed in every alternative. */
        MISSED
    }

    /**
     * One condition that failed.
     *
     * @param condition the condition as written (with {@code not} in front when the rule needs it false)
     * @param location  {@code file:line:col} of the condition
     * @param actual    the request's values of the attributes the condition reads, e.g. {@code verb = "list"}
     */
    public record Miss(String condition, String location, List<String> actual) {
        public Miss {
            actual = List.copyOf(actual);
        }
    }
}
