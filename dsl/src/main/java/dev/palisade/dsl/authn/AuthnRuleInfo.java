package dev.palisade.dsl.authn;

import dev.palisade.dsl.ast.Message;
import dev.palisade.dsl.source.Span;
import java.util.Objects;

/**
 * What a rejection reports about one authn rule. Kept in Java, never in DRL.
 *
 * @param id      {@code package/name}
 * @param because the message template, or null when the rule has none
 * @param span    where the rule is written, or null for rules built in code
 */
public record AuthnRuleInfo(String id, Message because, Span span) {
    public AuthnRuleInfo {
        Objects.requireNonNull(id, "id");
    }

    /** {@code file:line:col}, or "" when the rule has no source position. */
    public String location() {
        return span == null ? "" : span.location();
    }
}
