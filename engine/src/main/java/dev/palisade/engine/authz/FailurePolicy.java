package dev.palisade.engine.authz;

import dev.palisade.Api;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the chain makes of an authorizer that fails (errs, throws, or a webhook it cannot reach):
 * {@code Deny} ends the chain with a denial, {@code NoOpinion} lets the next authorizer decide.
 * Either way the error is carried in the final decision. As in Kubernetes'
 * AuthorizationConfiguration for webhooks; there is deliberately no "Allow".
 */
@Api
public enum FailurePolicy {
    /** A failure ends the chain with a denial. */
    DENY("Deny"),
    /** A failure passes on to the next authorizer (its error is kept in the decision). */
    NO_OPINION("NoOpinion");

    private final String spelling;

    FailurePolicy(String spelling) {
        this.spelling = spelling;
    }

    /** As written in palisade.yaml: {@code Deny} or {@code NoOpinion}. */
    public String spelling() {
        return spelling;
    }

    /** The policy written this way in palisade.yaml, if any (case-sensitive, as Kubernetes reads it). */
    public static Optional<FailurePolicy> bySpelling(String s) {
        return Arrays.stream(values()).filter(p -> p.spelling.equals(s)).findFirst();
    }
}
