package dev.palisade.dsl.parse;

import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.Span;
import dev.palisade.dsl.source.SourceFile;
import java.util.List;

/**
 * Decodes the text of a double-quoted literal. The lexer accepts a backslash before any character,
 * so that a bad escape is reported here, at its own column, rather than as a confusing token error.
 */
final class StringLiteral {
    static final String ESCAPES_HELP = "valid escapes are \\\" \\\\ \\n \\t and \\uXXXX";

    // ASCII only: Character.digit would also accept e.g. Arabic-Indic digits.
    private static final String HEX = "0123456789abcdefABCDEF";

    private StringLiteral() {}

    /**
     * @param quoted the literal including its quotes, on one line starting at {@code line:column}
     * @return the decoded value; errors are added to {@code errors} (the value is then meaningless)
     */
    static String decode(String quoted, SourceFile file, int line, int column, List<Diagnostic> errors) {
        String body = quoted.substring(1, quoted.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            int at = column + 1 + i; // column of the backslash: one past the opening quote
            char next = body.charAt(i + 1); // the lexer pairs every backslash with a character
            switch (next) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'u' -> {
                    int digits = hexDigits(body, i + 2);
                    if (digits < 4) {
                        errors.add(Diagnostic.error(new Span(file, line, at, line, at + 1 + digits),
                                "invalid unicode escape", "write '\\u' followed by four hex digits, e.g. '\\u00e9'"));
                        i += 2 + digits;
                        continue;
                    }
                    out.append((char) Integer.parseInt(body.substring(i + 2, i + 6), 16));
                    i += 6;
                    continue;
                }
                default -> errors.add(Diagnostic.error(new Span(file, line, at, line, at + 1),
                        "invalid escape '\\" + next + "' in string", ESCAPES_HELP));
            }
            i += 2;
        }
        return out.toString();
    }

    private static int hexDigits(String text, int from) {
        int n = 0;
        while (n < 4 && from + n < text.length() && HEX.indexOf(text.charAt(from + n)) >= 0) {
            n++;
        }
        return n;
    }
}
