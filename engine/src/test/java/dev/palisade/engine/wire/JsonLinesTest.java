package dev.palisade.engine.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.engine.config.Limits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The framing of review input: what each line or document becomes, by case. */
class JsonLinesTest {
    private static final Limits SMALL = Limits.DEFAULTS.with(Map.of("maxRequestBytes", 64, "maxNestingDepth", 5));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("json lines, blank lines skipped", "{\"a\":1}\n\n  \n{\"b\":2}\n",
                        List.of("1 {\"a\":1}", "4 {\"b\":2}")),
                Arguments.of("no final newline", "{\"a\":1}", List.of("1 {\"a\":1}")),
                Arguments.of("crlf", "{\"a\":1}\r\n{\"b\":2}\r\n", List.of("1 {\"a\":1}", "2 {\"b\":2}")),
                Arguments.of("non-objects are values; the reviewer refuses them", "[]\n1\nnull\n",
                        List.of("1 []", "2 1", "3 null")),
                Arguments.of("a truncated first line is that line's problem only", "{\"a\":\n{\"b\":2}\n",
                        List.of("1 ! malformed JSON: Unexpected end-of-input within/between Object entries (column 6)",
                                "2 {\"b\":2}")),
                Arguments.of("a pretty-printed document is one value, numbered by its first line",
                        "{\"z\":0}\n{\n  \"a\": [1,\n 2]\n}\n{\"b\":2}\n",
                        List.of("1 {\"z\":0}", "2 {\"a\":[1,2]}", "6 {\"b\":2}")),
                Arguments.of("a stray brace costs one answer, the lines after it are read again",
                        "{\n{\"a\":1}\n{\"b\":2}\n",
                        List.of("1 ! the JSON document opened at line 1 is not valid at line 2: malformed JSON: Unexpected character"
                                        + " ('{' (code 123)): was expecting double-quote to start field name;"
                                        + " its lines are read again one by one",
                                "2 {\"a\":1}", "3 {\"b\":2}")),
                Arguments.of("a document left open at the end", "{\n\"a\": 1,\n",
                        List.of("1 ! the JSON document opened at line 1 is not valid at line 2: the input ends before the document closes;"
                                        + " its lines are read again one by one",
                                "2 ! malformed JSON: Unexpected character (':' (code 58)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false') (column 4)")),
                Arguments.of("invalid UTF-8 is the line's problem", "{\"a\":\"\u0000\"}\n{\"b\":2}\n",
                        List.of("1 ! invalid UTF-8 (byte 0xff at byte 7)", "2 {\"b\":2}")),
                Arguments.of("a line over limits.maxRequestBytes", "{\"a\":\"" + "x".repeat(80) + "\"}\n{\"b\":2}\n",
                        List.of("1 ! line longer than 64 bytes (limits.maxRequestBytes)", "2 {\"b\":2}")),
                Arguments.of("a document over limits.maxRequestBytes is one problem", "{\n\"a\":\"" + "x".repeat(40) + "\",\n\"b\":\""
                                + "y".repeat(40) + "\"\n}\n{\"c\":3}\n",
                        List.of("1 ! the JSON document of lines 1-4 is larger than 64 bytes (limits.maxRequestBytes)", "5 {\"c\":3}")),
                Arguments.of("nesting over limits.maxNestingDepth", "[[[[[[1]]]]]]\n{\"b\":2}\n",
                        List.of("1 ! nested deeper than 5 levels (limits.maxNestingDepth)", "2 {\"b\":2}")),
                Arguments.of("trailing content", "{} {}\n", List.of("1 ! malformed JSON: Trailing token (of type START_OBJECT)"
                        + " found after value (bound as `com.fasterxml.jackson.databind.JsonNode`): not allowed as per"
                        + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS` (column 4)")),
                Arguments.of("an unquoted token is not quoted back", "{\"token\": s3cr3t}\n",
                        List.of("1 ! malformed JSON: Unrecognized token: was expecting (JSON String, Number, Array, Object or"
                                + " token 'null', 'true' or 'false') (column 11)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void framing(String name, String input, List<String> expected) throws IOException {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                bytes[i] = (byte) 0xff; // the placeholder NUL becomes one lone 0xFF byte
            }
        }
        assertEquals(expected, frame(bytes));
    }

    private static List<String> frame(byte[] bytes) throws IOException {
        List<String> out = new ArrayList<>();
        new JsonLines(new JsonInput(SMALL)).read(new ByteArrayInputStream(bytes), new JsonLines.Sink() {
            @Override
            public void value(com.fasterxml.jackson.databind.JsonNode value, long line) {
                out.add(line + " " + value);
            }

            @Override
            public void malformed(long line, String message) {
                out.add(line + " ! " + message);
            }
        });
        return out;
    }
}
