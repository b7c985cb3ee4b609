package dev.palisade.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.palisade.dsl.source.Diagnostic;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad inputs and the exact first error each must produce, as {@code line:col message}, and the
 * help line (or null). The messages are part of the user interface: change them here on purpose.
 */
class SyntaxErrorTableTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                bad("reject without quoted name", "reject masters when authn.method == \"token\"",
                        "1:8 expected a rule name in double quotes after 'reject'", null),
                bad("reject with missing condition", "reject \"x\" when\nreject \"y\"",
                        "1:16 expected a condition after 'when'", null),
                bad("reject with '='", "reject \"x\" when authn.method = \"token\"",
                        "1:30 '=' is not a valid operator", "try '==' instead"),
                bad("missing condition at end", "allow \"x\" when",
                        "1:15 expected a condition after 'when'", null),
                bad("missing condition before next rule", "allow \"x\" when\ndeny \"y\"",
                        "1:15 expected a condition after 'when'", null),
                bad("condition replaced by keyword", "allow \"x\" when because \"m\"",
                        "1:16 expected a condition after 'when'", null),
                bad("stray word at top level", "foo",
                        "1:1 unexpected 'foo', expected 'allow' or 'deny'", null),
                bad("stray number at top level", "allow \"x\"\n42",
                        "2:1 unexpected '42', expected 'when', 'because' or a new rule", null),
                bad("single equals", "allow \"x\" when user.name = \"a\"",
                        "1:26 '=' is not a valid operator", "try '==' instead"),
                bad("double ampersand", "allow \"x\" when verb == \"a\" && resource == \"b\"",
                        "1:28 '&&' is not a valid operator", "try 'and' instead"),
                bad("double pipe", "allow \"x\" when verb == \"a\" || resource == \"b\"",
                        "1:28 '||' is not a valid operator", "try 'or' instead"),
                bad("bang", "allow \"x\" when !resourceRequest",
                        "1:16 '!' is not a valid operator", "try 'not' instead"),
                bad("unterminated string", "allow \"x\" when verb == \"get",
                        "1:24 unterminated string", "close the string with '\"'"),
                bad("missing closing quote mid-condition", "allow \"x\" when verb == \"get and resource == \"pods\"",
                        "1:46 unexpected 'pods' right after the string \"get and resource == \" (1:24)",
                        "a closing quote is probably missing earlier: that string ends just before 'pods'"),
                bad("unterminated rule name", "allow \"x",
                        "1:7 unterminated string", "close the string with '\"'"),
                bad("single-quoted string", "allow \"x\" when verb == 'get'",
                        "1:24 strings use double quotes", "try \"get\" instead"),
                bad("bad escape", "allow \"x\" when path == \"a\\qb\"",
                        "1:26 invalid escape '\\q' in string", "valid escapes are \\\" \\\\ \\n \\t and \\uXXXX"),
                bad("short unicode escape", "allow \"x\" when path == \"\\u12\"",
                        "1:25 invalid unicode escape", "write '\\u' followed by four hex digits, e.g. '\\u00e9'"),
                bad("non-ascii digits in unicode escape", "allow \"x\" when path == \"\\u١٢٣٤\"",
                        "1:25 invalid unicode escape", "write '\\u' followed by four hex digits, e.g. '\\u00e9'"),
                bad("missing rule name", "allow when verb == \"a\"",
                        "1:7 expected a rule name in double quotes after 'allow'", null),
                bad("bare rule name", "deny secrets",
                        "1:6 expected a rule name in double quotes after 'deny'", null),
                bad("missing operator", "allow \"x\" when verb \"get\"",
                        "1:21 unexpected string \"get\", expected an operator such as '==' or 'in'", null),
                bad("missing operator in parentheses", "allow \"x\" when (verb \"get\")",
                        "1:22 unexpected string \"get\", expected an operator such as '==' or 'in'", null),
                bad("missing value", "allow \"x\" when verb ==",
                        "1:23 expected a value after '=='", null),
                bad("number as value", "allow \"x\" when verb == 42",
                        "1:24 numbers are only allowed in admission rules", "authorization attributes are strings; try \"42\""),
                bad("not without in", "allow \"x\" when verb not \"get\"",
                        "1:25 expected 'in' after 'not'", null),
                bad("doubled or", "allow \"x\" when verb == \"a\" or or verb == \"b\"",
                        "1:31 expected a condition after 'or'", null),
                bad("unclosed parenthesis", "allow \"x\" when (verb == \"a\"",
                        "1:28 unexpected end of file, expected 'and', 'or' or ')'", null),
                bad("extra closing parenthesis", "allow \"x\" when verb == \"a\")",
                        "1:27 unexpected ')', expected 'and', 'or', 'because' or a new rule", null),
                bad("empty parentheses", "allow \"x\" when ()",
                        "1:17 expected a condition after '('", null),
                bad("list without comma", "allow \"x\" when verb in [\"a\" \"b\"]",
                        "1:29 unexpected string \"b\", expected ',' or ']'", null),
                bad("list of attributes", "allow \"x\" when verb in [resource]",
                        "1:25 expected a string or ']' after '['", null),
                bad("missing key", "allow \"x\" when user.extra[] contains \"a\"",
                        "1:27 expected a string after '['", null),
                bad("missing because message", "deny \"x\" because",
                        "1:17 expected a message in double quotes after 'because'", null),
                bad("missing package name", "package\nallow \"x\"",
                        "1:8 expected a package name after 'package'", null),
                bad("keyword as package name", "package allow",
                        "1:9 expected a package name after 'package'", null),
                bad("missing import path", "import common",
                        "1:8 expected a file path in double quotes after 'import'", null),
                bad("package after import", "import \"a.pal\"\npackage p",
                        "2:1 'package' must come first in the file", null),
                bad("import after rule", "allow \"x\"\nimport \"a.pal\"",
                        "2:1 imports must come before the rules", null),
                bad("unknown character", "allow \"x\" when verb == \"a\" ; deny \"y\"",
                        "1:28 unexpected ';', expected 'and', 'or', 'because' or a new rule", null),
                bad("control character shown escaped", "allow \"x\"\u0001",
                        "1:10 unexpected '\\u0001', expected 'when', 'because' or a new rule", null),
                bad("spaced dotted name", "allow \"x\" when user . name == \"a\"",
                        "1:21 unexpected '.', expected an operator, 'and', 'or', 'because' or a new rule", null),
                bad("keyword as attribute", "allow \"x\" when in == \"a\"",
                        "1:16 expected a condition after 'when'", null));
    }

    private static Arguments bad(String name, String input, String expected, String help) {
        return Arguments.of(Named.of(name, input), expected, help);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parse_badInput_reportsExactFirstError(String input, String expected, String help) {
        ParseResult result = PolicyParser.parse("t.pal", input);

        assertFalse(result.diagnostics().isEmpty(), "no error for: " + input);
        Diagnostic first = result.diagnostics().get(0);
        assertEquals(expected, first.span().line() + ":" + first.span().column() + " " + first.message());
        assertEquals(help, first.help());
    }
}
