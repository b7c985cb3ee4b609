package dev.palisade.dsl.runtime;

import java.util.Arrays;
import java.util.Objects;

/**
 * A compiled glob pattern: {@code *} matches any sequence (also empty), {@code ?} exactly one
 * character (code point), {@code \} makes the next character literal; a trailing lone
 * {@code \} is a literal backslash. Matching is the classic two-pointer algorithm: it only ever
 * backtracks to the last star, so it runs in O(pattern × subject) at worst and never blows up
 * exponentially the way a backtracking regex can on hostile input.
 */
public final class Glob {
    private static final int STAR = -1;
    private static final int ONE = -2;

    private final String pattern;
    private final int[] tokens;

    private Glob(String pattern, int[] tokens) {
        this.pattern = pattern;
        this.tokens = tokens;
    }

    public static Glob compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        int[] cps = pattern.codePoints().toArray();
        int[] out = new int[cps.length];
        int n = 0;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == '\\' && i + 1 < cps.length) {
                out[n++] = cps[++i];
            } else if (c == '*') {
                // consecutive stars mean the same as one; collapsing keeps the backtracking cheap
                if (n == 0 || out[n - 1] != STAR) {
                    out[n++] = STAR;
                }
            } else if (c == '?') {
                out[n++] = ONE;
            } else {
                out[n++] = c;
            }
        }
        return new Glob(pattern, Arrays.copyOf(out, n));
    }

    /** In {@link #tokens()}: any sequence of characters, also none. */
    public static final int ANY_SEQUENCE = STAR;
    /** In {@link #tokens()}: exactly one character. */
    public static final int ANY_ONE = ONE;

    /**
     * The pattern as tokens, escapes resolved: a code point, {@link #ANY_SEQUENCE} or
     * {@link #ANY_ONE}. For analyses that translate globs (e.g. {@code palisade diff}).
     */
    public int[] tokens() {
        return tokens.clone();
    }

    public String pattern() {
        return pattern;
    }

    public boolean matches(String subject) {
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = 0;
        int len = subject.length();
        while (s < len) {
            int c = subject.codePointAt(s);
            if (p < tokens.length && tokens[p] != STAR && (tokens[p] == ONE || tokens[p] == c)) {
                p++;
                s += Character.charCount(c);
            } else if (p < tokens.length && tokens[p] == STAR) {
                starP = p++;
                starS = s;
            } else if (starP >= 0) {
                // let the last star swallow one more character and retry after it
                p = starP + 1;
                starS += Character.charCount(subject.codePointAt(starS));
                s = starS;
            } else {
                return false;
            }
        }
        while (p < tokens.length && tokens[p] == STAR) {
            p++;
        }
        return p == tokens.length;
    }

    @Override
    public String toString() {
        return "Glob[" + pattern + "]";
    }
}
