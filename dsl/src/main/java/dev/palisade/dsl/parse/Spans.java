package dev.palisade.dsl.parse;

import dev.palisade.dsl.source.SourceFile;
import dev.palisade.dsl.source.Span;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Turns ANTLR token positions (1-based lines, 0-based columns) into {@link Span}s. */
final class Spans {
    private final SourceFile file;

    Spans(SourceFile file) {
        this.file = file;
    }

    Span of(Token token) {
        return between(token, token);
    }

    Span of(ParserRuleContext ctx) {
        Token stop = ctx.getStop() == null || ctx.getStop().getTokenIndex() < ctx.getStart().getTokenIndex()
                ? ctx.getStart() : ctx.getStop();
        return between(ctx.getStart(), stop);
    }

    /** From the first character of {@code start} to the last of {@code stop}. No token spans lines. */
    Span between(Token start, Token stop) {
        int column = column(start);
        int endColumn = column(stop) + Math.max(1, length(stop)) - 1;
        return new Span(file, start.getLine(), column, stop.getLine(), endColumn);
    }

    /** A one-character span just past the end of {@code token}: where something was missing. */
    Span after(Token token) {
        return Span.point(file, token.getLine(), column(token) + length(token));
    }

    /**
     * The 1-based column of a token in UTF-16 characters, as {@link SourceFile} and rendering count
     * them. ANTLR counts code points, which differ once a line holds an emoji or other astral
     * character; the token's code-point index is mapped through the file's index, so a position
     * costs constant time however long the line (copying the line per token was quadratic: 44 s
     * for a list literal of 100,000 strings on one line).
     */
    int column(Token token) {
        int start = token.getStartIndex();
        if (start < 0) { // a token the error strategy made up: use its line position as it is
            return token.getCharPositionInLine() + 1;
        }
        int offset = file.utf16Offset(start) - file.lineStart(token.getLine());
        return offset < 0 ? token.getCharPositionInLine() + 1 : offset + 1;
    }

    Span point(int line, int column) {
        return Span.point(file, line, column);
    }

    private static int length(Token token) {
        return token.getType() == Token.EOF || token.getText() == null ? 0 : token.getText().length();
    }
}
