package dev.palisade.dsl.parse;

import static dev.palisade.dsl.parse.PalisadeLexer.*;

import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Collects syntax errors as diagnostics. ANTLR's own messages ("mismatched input ... expecting
 * {...}") name grammar tokens; instead the message is rebuilt from the set of expected tokens and
 * the token before the error, in words a policy author knows: "expected a condition after 'when'".
 */
final class SyntaxErrorListener extends BaseErrorListener {
    /** Tokens after which something specific must follow: errors read "expected X after 'tok'". */
    private static final Set<Integer> INTRODUCERS = Set.of(
            PACKAGE, IMPORT, ALLOW, DENY, REJECT, WHEN, BECAUSE, AND, OR, NOT, AMPS, PIPES, BANG, LPAREN,
            LBRACK, COMMA, EQ, NE, ASSIGN, IN, CONTAINS, STARTS_WITH, ENDS_WITH, MATCHES,
            VALIDATE, MUTATE, ON, FOR, EACH, SET, ADD, REMOVE, IS, COLON, LT, LE, GT, GE, ANY, ALL);

    /** Tokens that may start a value; seeing one where an operator may go means a missing operator. */
    private static final Set<Integer> VALUE_STARTS = Set.of(
            STRING, UNTERMINATED_STRING, SINGLE_QUOTED, IDENT, LBRACK, TRUE, FALSE, NUMBER);

    private static final int MAX_SHOWN = 24;

    private final Spans spans;
    private final ErrorStrategy strategy;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<Integer> errorTokens = new HashSet<>();
    private ParserRuleContext lastFailedRule;

    SyntaxErrorListener(Spans spans, ErrorStrategy strategy) {
        this.spans = spans;
        this.strategy = strategy;
    }

    /** Indexes of the tokens at which errors were reported; the builder drops what they touch. */
    Set<Integer> errorTokens() {
        return errorTokens;
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        if (!(recognizer instanceof Parser parser) || !(offendingSymbol instanceof Token offending)) {
            // The lexer has a catch-all token, so it never reports; keep a positioned error just in case.
            diagnostics.add(Diagnostic.error(spans.point(line, charPositionInLine + 1), "unexpected character"));
            return;
        }
        IntervalSet expected = strategy.expectedTokens(parser);
        if (e != null && e.getExpectedTokens() != null) {
            expected.addAll(e.getExpectedTokens());
        }
        int index = offending.getTokenIndex();
        errorTokens.add(index);
        ParserRuleContext rule = enclosingRule(parser.getContext());
        if (rule != null && rule == lastFailedRule) {
            return; // after a repair ANTLR often stumbles again in the same rule: report only the first
        }
        lastFailedRule = rule;
        Token previous = index > 0 ? parser.getInputStream().get(index - 1) : null;
        Token beforePrevious = index > 1 ? parser.getInputStream().get(index - 2) : null;
        diagnostics.add(describe(offending, previous, beforePrevious, expected));
    }

    private static ParserRuleContext enclosingRule(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (c instanceof PalisadeParser.RuleDeclContext || c instanceof PalisadeParser.AdmissionDeclContext) {
                return c;
            }
        }
        return null;
    }

    private Diagnostic describe(Token offending, Token previous, Token beforePrevious, IntervalSet expected) {
        Span at = offending.getType() == Token.EOF
                ? (previous == null ? spans.point(1, 1) : spans.after(previous))
                : spans.of(offending);
        switch (offending.getType()) {
            case UNTERMINATED_STRING:
                return Diagnostic.error(at, "unterminated string", "close the string with '\"'");
            case PACKAGE:
                return Diagnostic.error(at, "'package' must come first in the file");
            case IMPORT:
                return Diagnostic.error(at, "imports must come before the rules");
            default:
                break;
        }
        String wanted = expectation(expected, previous, offending);
        if (previous != null && previous.getType() == LBRACK && isKeyBracket(beforePrevious, expected)) {
            // 'user.extra[]': the bracket after a name opens a key, though ANTLR already left the path
            wanted = "a string";
        }
        if (previous != null && INTRODUCERS.contains(previous.getType())) {
            boolean sameLine = offending.getType() != Token.EOF && offending.getLine() == previous.getLine();
            Span where = sameLine ? at : spans.after(previous);
            return Diagnostic.error(where, "expected " + wanted + " after '" + previous.getText() + "'");
        }
        if (closesTooEarly(previous, offending)) {
            // `verb == "get and resource == "pods"`: a string glued to the next word lost its closing quote
            Span string = spans.of(previous);
            return Diagnostic.error(at, "unexpected " + shown(offending) + " right after the string "
                    + shown(previous).substring("string ".length()) + " (" + string.line() + ":" + string.column() + ")",
                    "a closing quote is probably missing earlier: that string ends just before " + shown(offending));
        }
        return Diagnostic.error(at, "unexpected " + shown(offending) + ", expected " + wanted);
    }

    /** A string literal immediately followed, without a space, by a word: its quotes pair up wrongly. */
    private static boolean closesTooEarly(Token previous, Token offending) {
        return previous != null && previous.getType() == STRING && offending.getType() == IDENT
                && offending.getStartIndex() == previous.getStopIndex() + 1;
    }

    /** True when the '[' follows a name (a key, not a list literal): the expected set then offers both. */
    private static boolean isKeyBracket(Token before, IntervalSet expected) {
        return expected.contains(LPAREN) && before != null
                && (before.getType() == IDENT || before.getType() == RBRACK);
    }

    /** The expected tokens in words, most important first: "a condition", "'and', 'or' or a new rule". */
    private static String expectation(IntervalSet expected, Token previous, Token offending) {
        List<String> phrases = new ArrayList<>();
        if (expected.contains(LPAREN)) {
            phrases.add("a condition");
        } else if (expected.contains(IDENT) && expected.contains(STRING)) {
            phrases.add("a value");
        } else if (expected.contains(STRING)) {
            phrases.add(stringKind(previous));
        } else if (expected.contains(IDENT)) {
            phrases.add("a package name");
        }
        if (expected.contains(EQ)) {
            if (VALUE_STARTS.contains(offending.getType())) {
                // "verb "get"": a forgotten operator is far likelier than a forgotten 'and'.
                return "an operator such as '==' or 'in'";
            }
            phrases.add("an operator");
        }
        for (int type : new int[] {AND, OR, RPAREN, COMMA, RBRACK, WHEN, BECAUSE}) {
            if (expected.contains(type)) {
                phrases.add("'" + literal(type) + "'");
            }
        }
        if (expected.contains(ALLOW)) {
            phrases.add(phrases.isEmpty() ? "'allow' or 'deny'" : "a new rule");
        }
        if (phrases.isEmpty()) {
            for (int type : expected.toArray()) {
                String literal = type > 0 ? PalisadeLexer.VOCABULARY.getLiteralName(type) : null;
                if (literal != null) {
                    phrases.add(literal);
                }
            }
        }
        if (phrases.isEmpty()) {
            phrases.add("end of file");
        }
        return join(phrases);
    }

    private static String stringKind(Token previous) {
        int type = previous == null ? Token.INVALID_TYPE : previous.getType();
        return switch (type) {
            case ALLOW, DENY, REJECT -> "a rule name in double quotes";
            case IMPORT -> "a file path in double quotes";
            case BECAUSE -> "a message in double quotes";
            default -> "a string";
        };
    }

    private static String literal(int type) {
        String name = PalisadeLexer.VOCABULARY.getLiteralName(type);
        return name.substring(1, name.length() - 1);
    }

    private static String join(List<String> phrases) {
        if (phrases.size() == 1) {
            return phrases.get(0);
        }
        return String.join(", ", phrases.subList(0, phrases.size() - 1)) + " or " + phrases.get(phrases.size() - 1);
    }

    /** How the offending token appears in a message: quoted, control characters escaped, long text cut. */
    private static String shown(Token token) {
        if (token.getType() == Token.EOF) {
            return "end of file";
        }
        String text = token.getText();
        if (text.length() > MAX_SHOWN) {
            text = text.substring(0, MAX_SHOWN) + "...";
        }
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return token.getType() == STRING ? "string " + out : "'" + out + "'";
    }
}
