package dev.palisade.engine.batch;

import dev.palisade.engine.authz.Verdict;

/**
 * What the policy decides for one audit request, reduced to what a report needs.
 *
 * @param allowed the chain's final answer (no opinion anywhere is a deny, as in Kubernetes)
 * @param rule the deciding rule or binding ({@code ruleId}, else the authorizer), "" if none
 * @param reason the human reason, with the rule's place where known
 * @param source where the deciding rule lives ({@code file:line:col} for a DSL rule, the object
 *        for RBAC), "" if unknown: the HTML report shows it on its own, beside the rule
 */
public record Judgement(boolean allowed, Verdict verdict, String rule, String reason, String source)
        implements java.io.Serializable {
    public Judgement {
        source = java.util.Objects.requireNonNullElse(source, "");
    }

    /** A judgement whose deciding rule has no known place. */
    public Judgement(boolean allowed, Verdict verdict, String rule, String reason) {
        this(allowed, verdict, rule, reason, "");
    }
}
