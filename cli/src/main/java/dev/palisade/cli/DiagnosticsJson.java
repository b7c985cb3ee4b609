package dev.palisade.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.dsl.source.Diagnostic;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code check -o json}: diagnostics as one JSON array for editors, each
 * {@code {file, line, column, endLine, endColumn, severity, message, help}} (lines and columns
 * 1-based, end inclusive; help may be null).
 */
final class DiagnosticsJson {
    /** A configuration problem: {@code file:line:col: reason} (line and column optional). */
    private static final Pattern PLACED = Pattern.compile("(?s)^(.+?):(\\d+)(?::(\\d+))?: (.*)$");

    private DiagnosticsJson() {}

    static String render(List<Diagnostic> diagnostics) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Diagnostic d : diagnostics) {
            ObjectNode o = out.addObject();
            o.put("file", d.span().file().path());
            o.put("line", d.span().line());
            o.put("column", d.span().column());
            o.put("endLine", d.span().endLine());
            o.put("endColumn", d.span().endColumn());
            o.put("severity", d.severity().name().toLowerCase(Locale.ROOT));
            o.put("message", d.message());
            o.put("help", d.help());
        }
        return out.toString();
    }

    static String renderProblems(List<String> problems) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (String p : problems) {
            ObjectNode o = out.addObject();
            Matcher m = PLACED.matcher(p);
            if (m.matches()) {
                o.put("file", m.group(1));
                o.put("line", Integer.parseInt(m.group(2)));
                o.put("column", m.group(3) == null ? 1 : Integer.parseInt(m.group(3)));
                o.put("severity", "error");
                o.put("message", m.group(4));
            } else {
                o.putNull("file");
                o.put("severity", "error");
                o.put("message", p);
            }
        }
        return out.toString();
    }
}
