package dev.palisade.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrintableTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            newline            | a\\nb          | a\\\\nb
            carriage return    | a\\rb          | a\\\\rb
            tab                | a\\tb          | a\\\\tb
            ANSI escape        | \\u001b[2J     | \\\\x1b[2J
            NUL and DEL        | \\u0000\\u007f | \\\\x00\\\\x7f
            C1 (NEL)           | a\\u0085b      | a\\\\x85b
            bidi override      | \\u202euser    | \\\\u202euser
            bidi isolate       | \\u2066x\\u2069 | \\\\u2066x\\\\u2069
            line separator     | a\\u2028b      | a\\\\u2028b
            lone high surrogate| bob\\ud800     | bob\\\\ud800
            lone low surrogate | \\udc00x       | \\\\udc00x
            """)
    void unsafeCharactersAreEscaped(String name, String raw, String escaped) {
        assertEquals(unescapeJava(escaped), Printable.escape(unescapeJava(raw)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain ASCII         | alice@example.com
            accents and CJK     | zoë 日本
            emoji (a valid pair)| ok 😀
            backslashes stay    | C:\\\\dir\\\\n
            """)
    void safeTextIsTheSameString(String name, String text) {
        String t = unescapeJava(text);
        assertSame(t, Printable.escape(t));
    }

    @org.junit.jupiter.api.Test
    void escapeLinesKeepsTheLineBreaks() {
        assertEquals("a\\x1b\nb\\r\n", Printable.escapeLines("a\u001b\nb\r\n"));
    }

    /** The table is written with Java escapes so that the raw characters stay visible in the source. */
    private static String unescapeJava(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'x' -> {
                    out.append('\\').append('x');
                }
                default -> out.append('\\').append(n);
            }
        }
        return out.toString();
    }
}
