package dev.palisade.engine.batch;

import dev.palisade.engine.text.Printable;
import java.util.Locale;

/**
 * Text for the HTML report. Everything the log or the policy says is untrusted: it is escaped
 * for both element content and quoted attribute values ({@code & < > " '}), its control and
 * bidirectional characters are made visible as in the text report ({@link Printable}), every
 * character outside printable ASCII becomes a numeric reference (so the file reads the same in
 * any encoding), and it is clipped to {@link #MAX_CHARS} code points, so that one huge field
 * cannot make the page unbounded.
 */
final class Html {
    static final int MAX_CHARS = 1_000;

    private Html() {}

    static String text(String s) {
        String visible = Printable.escape(s == null ? "" : s);
        StringBuilder out = new StringBuilder(visible.length() + 16);
        int shown = 0;
        for (int i = 0; i < visible.length(); ) {
            if (shown == MAX_CHARS) {
                return out.append("&#x2026; (clipped)").toString();
            }
            int cp = visible.codePointAt(i);
            i += Character.charCount(cp);
            shown++;
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (cp >= 0x20 && cp < 0x7f) {
                        out.append((char) cp);
                    } else if (cp <= 0xffff && Character.isSurrogate((char) cp)) {
                        out.append("&#xfffd;"); // a lone surrogate has no character to refer to
                    } else {
                        out.append("&#x").append(Integer.toHexString(cp)).append(';');
                    }
                }
            }
        }
        return out.toString();
    }

    /** A count as people read it: {@code 1,234,567}. */
    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
