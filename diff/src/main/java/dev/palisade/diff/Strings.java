package dev.palisade.diff;

import com.microsoft.z3.Expr;
import com.microsoft.z3.SeqExpr;

/** Reads Z3 string values back into Java strings. */
final class Strings {
    private Strings() {}

    /** The Java string of a Z3 string literal (Z3 writes non-printable characters as {@code \\u{..}}). */
    static String of(Expr<?> value) {
        if (value instanceof SeqExpr<?> s && s.isString()) {
            return decode(s.getString());
        }
        throw new IllegalStateException("not a string value: " + value);
    }

    private static String decode(String z3) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < z3.length(); i++) {
            char c = z3.charAt(i);
            if (c == '\\' && z3.startsWith("\\u{", i)) {
                int end = z3.indexOf('}', i);
                if (end > 0) {
                    b.appendCodePoint(Integer.parseInt(z3.substring(i + 3, end), 16));
                    i = end;
                    continue;
                }
            }
            b.append(c);
        }
        return b.toString();
    }
}
