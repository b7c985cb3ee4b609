package dev.palisade.dsl.compile;

import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.ast.Message;
import dev.palisade.dsl.source.Span;
import java.util.Objects;

/**
 * What a decision reports about one policy rule. Kept in a Java side table indexed by rule
 * number, never in DRL, so ids and messages cannot inject into generated code.
 *
 * @param id      {@code package/name}, or {@code name} in a file without package
 * @param because the {@code because} message, or null when the rule has none
 * @param span    where the rule is written
 */
public record RuleInfo(String id, Effect effect, Message because, Span span) {
    public RuleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(effect, "effect");
    }

    /**
     * The message: its text when it has no holes (a doubled brace read as one), else the template as
     * written with its holes unfilled (a decision fills them per request); null when there is none.
     */
    public String message() {
        if (because == null) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Object part : because.parts()) {
            if (!(part instanceof String s)) {
                return because.template();
            }
            text.append(s);
        }
        return text.toString();
    }

    /** {@code file:line:col}, or "" when the rule has no source position. */
    public String location() {
        return span == null ? "" : span.location();
    }
}
