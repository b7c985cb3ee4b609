package dev.palisade.dsl.parse;

import dev.palisade.dsl.ast.Message;
import dev.palisade.dsl.ast.ObjPath;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code because} text of admission and authn rules: literal text with {@code {path}} holes,
 * {@code {{} and {@code }}} for literal braces. Which paths a hole may name is the checker's business.
 */
final class MessageTemplate {
    private MessageTemplate() {}

    /** Splits {@code "container {c.name} ..."} into text and paths; reports malformed holes to {@code diagnostics}. */
    static Message parse(String text, Span span, List<Diagnostic> diagnostics) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < text.length() && text.charAt(i + 1) == c) {
                literal.append(c);
                i += 2;
                continue;
            }
            if (c == '}') {
                diagnostics.add(Diagnostic.error(span, "unmatched '}' in message", "write '}}' for a literal brace"));
                return new Message(text, List.of(text), span);
            }
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            int close = text.indexOf('}', i);
            ObjPath hole = close < 0 ? null : MessagePath.parse(text.substring(i + 1, close), span);
            if (hole == null) {
                diagnostics.add(Diagnostic.error(span, "malformed '{...}' in message",
                        "write a path such as {c.name}, or '{{' for a literal brace"));
                return new Message(text, List.of(text), span);
            }
            if (literal.length() > 0) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
            parts.add(hole);
            i = close + 1;
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        return new Message(text, parts, span);
    }
}
