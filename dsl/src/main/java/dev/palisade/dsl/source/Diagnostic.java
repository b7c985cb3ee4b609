package dev.palisade.dsl.source;

import dev.palisade.Api;
import java.util.Objects;

/**
 * One problem found in a policy: where, what, and (optionally) how to fix it.
 * Messages are short and lower-case, in the style of Cedar and rustc.
 */
@Api
public record Diagnostic(Severity severity, Span span, String message, String help) {

    /** A NOTE is information only (e.g. "these paths are unchecked"): never an error, not even with {@code --strict}. */
    public enum Severity { ERROR, WARNING, NOTE }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(Span span, String message) {
        return new Diagnostic(Severity.ERROR, span, message, null);
    }

    public static Diagnostic error(Span span, String message, String help) {
        return new Diagnostic(Severity.ERROR, span, message, help);
    }

    /** Something that compiles but is probably not what the author meant; {@code check --strict} refuses it. */
    public static Diagnostic warning(Span span, String message, String help) {
        return new Diagnostic(Severity.WARNING, span, message, help);
    }

    /** Information only: neither an error nor a warning that {@code check --strict} refuses. */
    public static Diagnostic note(Span span, String message, String help) {
        return new Diagnostic(Severity.NOTE, span, message, help);
    }

    public boolean isWarning() {
        return severity == Severity.WARNING;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * Renders as {@code path:line:col: error: message}, then the source line and a caret under
     * the span, then the help line if any.
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(span.location()).append(": ")
           .append(severity.name().toLowerCase(java.util.Locale.ROOT)).append(": ")
           .append(message).append('\n');
        String line = span.file().line(span.line());
        String gutter = "  " + span.line() + " | ";
        out.append(gutter).append(line).append('\n');
        int width = span.endLine() == span.line()
                ? Math.max(1, span.endColumn() - span.column() + 1)
                : Math.max(1, line.length() - span.column() + 1);
        out.append(" ".repeat(gutter.length() - 2)).append("| ");
        for (int i = 1; i < span.column(); i++) {
            // keep tabs so the caret lines up under tab-indented source
            out.append(i - 1 < line.length() && line.charAt(i - 1) == '\t' ? '\t' : ' ');
        }
        out.append("^".repeat(width)).append('\n');
        if (help != null && !help.isEmpty()) {
            out.append(" ".repeat(gutter.length() - 2)).append("= help: ").append(help).append('\n');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return span.location() + ": " + message;
    }
}
