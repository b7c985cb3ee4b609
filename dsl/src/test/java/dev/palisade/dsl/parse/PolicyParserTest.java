package dev.palisade.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.ast.Expr;
import dev.palisade.dsl.ast.Operand;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.PolicyException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyParserTest {

    @Test
    void parse_severalBrokenRules_reportsEveryErrorAndKeepsTheGoodRules() {
        String text = """
                allow "a" when verb ==
                allow "b" when verb == "get"
                deny "c" when
                deny "d" when path == 'x'
                allow "e"
                """;

        ParseResult result = PolicyParser.parse("t.pal", text);

        assertEquals(List.of("t.pal:1:23: expected a value after '=='",
                        "t.pal:3:14: expected a condition after 'when'",
                        "t.pal:4:23: strings use double quotes"),
                result.diagnostics().stream().map(Diagnostic::toString).toList());
        assertEquals(List.of("b", "e"), result.file().rules().stream().map(r -> r.name()).toList());
    }

    @Test
    void parse_ruleFollowedByJunk_dropsThatRule() {
        // "when verb" alone would otherwise reach the checker as a non-boolean test and err twice.
        ParseResult result = PolicyParser.parse("t.pal", "allow \"x\" when verb \"get\"");

        assertEquals(1, result.diagnostics().size());
        assertEquals(List.of(), result.file().rules());
    }

    @Test
    void parse_oneRuleWithSeveralMistakes_reportsOnlyTheFirstSyntaxError() {
        ParseResult result = PolicyParser.parse("t.pal", "allow \"x\" when user.extra[ == \"a\"");

        assertEquals(List.of("t.pal:1:28: expected a string after '['"),
                result.diagnostics().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void parse_comparison_opSpanCoversTheOperatorOnly() {
        Expr.Comparison cmp = (Expr.Comparison) single("allow \"x\" when verb not  in [\"a\"]");

        assertEquals("1:21-1:27", range(cmp.opSpan().line(), cmp.opSpan().column(), cmp.opSpan().endLine(), cmp.opSpan().endColumn()));
        assertEquals(1, cmp.span().column() - 15);
    }

    @Test
    void parse_parenthesizedCondition_spanIncludesParentheses() {
        Expr expr = single("allow \"x\" when (verb == \"a\")");

        assertEquals(16, expr.span().column());
        assertEquals(28, expr.span().endColumn());
    }

    @Test
    void parse_attributeNamedLikeKeywordFreeWords_isAnAttribute() {
        Expr.Comparison cmp = (Expr.Comparison) single("allow \"x\" when name == path");

        assertEquals(new Operand.Attribute("name", null, cmp.left().span()), cmp.left());
        assertEquals(new Operand.Attribute("path", null, cmp.right().span()), cmp.right());
    }

    @Test
    void parse_keyedAttribute_keepsDecodedKey() {
        Expr.Comparison cmp = (Expr.Comparison) single("allow \"x\" when user.extra[\"a\\tb\"] contains \"c\"");

        assertEquals("a\tb", ((Operand.Attribute) cmp.left()).key());
    }

    @Test
    void parse_bareOperand_isTest() {
        assertInstanceOf(Expr.Test.class, single("allow \"x\" when resourceRequest"));
    }

    @Test
    void parse_crlfLineEndingsAndComments_areWhitespace() {
        ParseResult result = PolicyParser.parse("t.pal", "# c\r\nallow \"x\" // c\r\n  when verb == \"a\"\r\n");

        assertEquals(List.of(), result.diagnostics());
        assertEquals(3, result.file().rules().get(0).condition().span().line());
    }

    @Test
    void parse_astralCharacters_columnsCountUtf16LikeRendering() {
        // the emoji is one code point but two chars; spans must agree with SourceFile.line()
        ParseResult result = PolicyParser.parse("t.pal", "allow \"\uD83D\uDE00\" when verb = \"\uD83D\uDE00\\q\"");

        assertEquals(List.of("t.pal:1:22: '=' is not a valid operator", "t.pal:1:27: invalid escape '\\q' in string"),
                result.diagnostics().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void parse_emptyFile_hasNoRules() {
        ParseResult result = PolicyParser.parse("t.pal", "");

        assertEquals(List.of(), result.diagnostics());
        assertEquals(List.of(), result.file().rules());
    }

    @Test
    void parse_absurdNesting_isAnErrorNotACrash() {
        String text = "allow \"x\" when " + "(".repeat(100_000) + "resourceRequest" + ")".repeat(100_000);

        ParseResult result = PolicyParser.parse("t.pal", text);

        assertTrue(result.hasErrors());
    }

    @Test
    void orThrow_withErrors_throwsWithAllDiagnostics() {
        ParseResult result = PolicyParser.parse("t.pal", "allow \"a\" when\ndeny \"b\" when");

        PolicyException e = assertThrows(PolicyException.class, result::orThrow);
        assertEquals(2, e.diagnostics().size());
    }

    @Test
    void render_syntaxError_showsLineAndCaret() {
        ParseResult result = PolicyParser.parse("p/t.pal", "allow \"x\"\n  when user.name = \"a\"");

        assertEquals("""
                p/t.pal:2:18: error: '=' is not a valid operator
                  2 |   when user.name = "a"
                    |                  ^
                    = help: try '==' instead
                """, result.diagnostics().get(0).render());
    }

    private static Expr single(String text) {
        ParseResult result = PolicyParser.parse("t.pal", text);
        assertEquals(List.of(), result.diagnostics());
        PolicyFile file = result.file();
        assertNotNull(file);
        return file.rules().get(0).condition();
    }

    private static String range(int line, int column, int endLine, int endColumn) {
        return line + ":" + column + "-" + endLine + ":" + endColumn;
    }
}
