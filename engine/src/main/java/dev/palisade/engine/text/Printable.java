package dev.palisade.engine.text;

/**
 * Text from outside (audit data, review fields, file contents) made safe for a terminal or a
 * line-oriented report: every control character — C0 (newline, carriage return, tab, ESC ...),
 * DEL, C1, the bidirectional overrides and isolates, the line and paragraph separators — and
 * every lone surrogate is written as a visible escape ({@code \n}, {@code \r}, {@code \t},
 * {@code \x1b}, {@code \u202e}, {@code \ud800}), so that no input can forge a report line, move
 * the cursor, recolour the terminal or reorder what is shown. Backslashes are left as they are:
 * an escape written by the input itself stays visible text and forges nothing.
 */
public final class Printable {
    private Printable() {}

    /** {@code s} with every unsafe character escaped; the same string when there is none. */
    public static String escape(String s) {
        if (s == null) {
            return "null";
        }
        int i = 0;
        while (i < s.length() && !unsafe(s, i)) {
            i += Character.isHighSurrogate(s.charAt(i)) ? 2 : 1;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unsafe(s, i)) {
                out.append(c);
                if (Character.isHighSurrogate(c)) {
                    out.append(s.charAt(++i)); // a valid pair: both halves as they are
                }
                continue;
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    /** Escapes each line of a multi-line text; the line breaks themselves are kept. */
    public static String escapeLines(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        int nl;
        while ((nl = text.indexOf('\n', start)) >= 0) {
            out.append(escape(text.substring(start, nl))).append('\n');
            start = nl + 1;
        }
        return out.append(escape(text.substring(start))).toString();
    }

    private static boolean unsafe(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
        if (c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x2028 || c == 0x2029) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c); // reached only when not preceded by its high half
    }
}
