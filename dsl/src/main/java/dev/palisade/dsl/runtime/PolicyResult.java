package dev.palisade.dsl.runtime;

import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.compile.RuleInfo;
import java.util.List;

/**
 * The outcome of one policy set for one request.
 *
 * @param effect  DENY if any deny rule matched, else ALLOW if any allow rule matched, else null
 * @param matched the rules that decided: every matching deny rule for DENY, every matching allow
 *                rule for ALLOW, empty for null; in rule order
 */
public record PolicyResult(Effect effect, List<RuleInfo> matched) {
    public static final PolicyResult NO_MATCH = new PolicyResult(null, List.of());

    public PolicyResult {
        matched = List.copyOf(matched);
        if ((effect == null) != matched.isEmpty()) {
            throw new IllegalArgumentException("a result has an effect exactly when rules matched");
        }
        for (RuleInfo r : matched) {
            if (r.effect() != effect) {
                throw new IllegalArgumentException("rule " + r.id() + " does not have effect " + effect);
            }
        }
    }
}
