package dev.palisade.engine.authz;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the chain makes of an authorizer that fails (errs, throws, or a webhook it cannot reach):
 * {@code Deny} ends the chain with a denial, {@code NoOpinion} lets the next authorizer decide.
 * Either way the error is carried in the final decision. As in Kubernetes'
 * AuthorizationConfiguration for webhooks; there is deliberately no "Allow".
 */
public enum FailurePolicy {
    DENY("Deny"), NO_OPINION("NoOpinion");

    private final String spelling;

    FailurePolicy(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    public static Optional<FailurePolicy> bySpelling(String s) {
        return Arrays.stream(values()).filter(p -> p.spelling.equals(s)).findFirst();
    }
}
