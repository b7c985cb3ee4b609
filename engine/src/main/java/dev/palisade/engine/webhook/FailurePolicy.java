package dev.palisade.engine.webhook;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a webhook authorizer answers when the webhook cannot: {@code Deny} ends the chain with a
 * denial, {@code NoOpinion} lets the next authorizer decide. There is deliberately no "Allow".
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
