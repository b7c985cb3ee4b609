package dev.palisade.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.palisade.dsl.ast.Rule;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

class StringLiteralPropertyTest {

    /** Any string, written with the DSL's escapes, parses back to itself. */
    @Property
    void escapedString_parsesBackToItself(@ForAll String value) {
        ParseResult result = PolicyParser.parse("t.pal", "allow " + escape(value));

        assertEquals(0, result.diagnostics().size(), () -> result.diagnostics().toString());
        Rule rule = result.file().rules().get(0);
        assertEquals(value, rule.name());
    }

    /** The parser reports, never throws, whatever the input. */
    @Property(tries = 500)
    void anyInput_parsesWithoutThrowing(
            @ForAll @StringLength(max = 60)
            @Chars({'a', 'l', 'o', 'w', 'd', 'e', 'n', 'y', 'h', 'i', ' ', '\n', '"', '\\', '(', ')', '[', ']',
                    ',', '=', '!', '&', '|', '#', '\'', '.', 'u', '0'})
            @CharRange(from = 'A', to = 'F') String text) {
        ParseResult result = PolicyParser.parse("t.pal", text);

        assertNotNull(result.file());
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
