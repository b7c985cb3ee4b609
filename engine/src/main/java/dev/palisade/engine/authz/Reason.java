package dev.palisade.engine.authz;

import dev.palisade.Api;
import java.util.Objects;

/**
 * Why an authorizer decided: which authorizer, which rule or binding ({@code ruleId}), a
 * human message, and where that rule lives ({@code source}: {@code file:line:col} for a DSL
 * rule, the object for RBAC, "" if none).
 */
@Api
public record Reason(String authorizer, String ruleId, String message, String source) {
    public Reason {
        authorizer = Objects.requireNonNullElse(authorizer, "");
        ruleId = Objects.requireNonNullElse(ruleId, "");
        message = Objects.requireNonNullElse(message, "");
        source = Objects.requireNonNullElse(source, "");
    }

    /** One line: {@code message (rule id at source)}. */
    public String render() {
        StringBuilder b = new StringBuilder(message.isEmpty() ? ruleId : message);
        if (!ruleId.isEmpty() && !message.isEmpty() && !message.contains(ruleId)) {
            b.append(" [").append(ruleId).append(']');
        }
        if (!source.isEmpty()) {
            b.append(" (").append(source).append(')');
        }
        return b.toString();
    }
}
