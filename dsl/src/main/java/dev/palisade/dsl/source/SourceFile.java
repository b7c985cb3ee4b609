package dev.palisade.dsl.source;

import dev.palisade.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The text of one policy file and the name it is reported under; knows its line starts. */
@Api
public final class SourceFile {
    private final String path;
    private final String text;
    private final int[] lineStarts;
    private final boolean astral;
    private int[] utf16OfCodePoint; // built on first use, only for text with astral characters

    public SourceFile(String path, String text) {
        this.path = Objects.requireNonNull(path, "path");
        this.text = Objects.requireNonNull(text, "text");
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        boolean surrogates = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                starts.add(i + 1);
            } else if (Character.isSurrogate(c)) {
                surrogates = true;
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        this.astral = surrogates;
    }

    /** The 0-based UTF-16 offset at which a 1-based line starts (the text's length past the last line). */
    public int lineStart(int line) {
        if (line < 1) {
            return 0;
        }
        return line > lineStarts.length ? text.length() : lineStarts[line - 1];
    }

    /**
     * The UTF-16 offset of the code point at {@code codePointIndex} (as ANTLR counts), clamped to
     * the text. Constant time: for text without astral characters the two indexes agree, otherwise
     * an index of the whole text is built once — never a walk per call, which made a long line
     * quadratic to report positions on.
     */
    public int utf16Offset(int codePointIndex) {
        if (codePointIndex <= 0) {
            return 0;
        }
        if (!astral) {
            return Math.min(codePointIndex, text.length());
        }
        int[] index = utf16OfCodePoint;
        if (index == null) {
            index = new int[text.codePointCount(0, text.length()) + 1];
            int cp = 0;
            for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
                index[cp++] = i;
            }
            index[cp] = text.length();
            utf16OfCodePoint = index;
        }
        return index[Math.min(codePointIndex, index.length - 1)];
    }

    public String path() {
        return path;
    }

    public String text() {
        return text;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** The text of a 1-based line, without its line terminator. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, Math.max(start, end));
    }

    @Override
    public String toString() {
        return path;
    }
}
