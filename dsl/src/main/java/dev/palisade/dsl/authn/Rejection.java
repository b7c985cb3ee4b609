package dev.palisade.dsl.authn;

import java.util.Objects;

/**
 * One authn rule that rejected the user.
 *
 * @param ruleId   {@code package/name}
 * @param message  the rule's message with its holes filled in for this user
 * @param location {@code file:line:col} of the rule, or ""
 */
public record Rejection(String ruleId, String message, String location) {
    public Rejection {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
    }

    /** {@code rule "id" (file:line:col): message}, the text a 401 carries. */
    public String render() {
        return "rejected by rule \"" + ruleId + "\"" + (location.isEmpty() ? "" : " (" + location + ")") + ": " + message;
    }
}
