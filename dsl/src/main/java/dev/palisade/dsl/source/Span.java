package dev.palisade.dsl.source;

import dev.palisade.Api;
/**
 * A region of a source file. Lines and columns are 1-based; columns count characters.
 * The end is the position of the last character of the region (inclusive).
 */
@Api
public record Span(SourceFile file, int line, int column, int endLine, int endColumn) {

    public static Span point(SourceFile file, int line, int column) {
        return new Span(file, line, column, line, column);
    }

    /** The smallest span covering both. */
    public Span to(Span other) {
        return new Span(file, line, column, other.endLine, other.endColumn);
    }

    /** {@code path:line:col}, the form editors and terminals recognise. */
    public String location() {
        return file.path() + ":" + line + ":" + column;
    }

    @Override
    public String toString() {
        return location();
    }
}
