package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.Expr;
import dev.palisade.dsl.ast.Operand;
import dev.palisade.dsl.ast.Operator;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.source.Diagnostic;
import java.util.List;

/**
 * {@code matches} patterns are globs: {@code *} any sequence, {@code ?} one character, {@code \}
 * makes the next character literal. A backslash with nothing after it escapes nothing and is
 * almost certainly a mistake, so it is rejected rather than read as a literal backslash.
 */
final class GlobPass implements CheckPass {
    @Override
    public String name() {
        return "glob-patterns";
    }

    @Override
    public void run(List<PolicyFile> files, List<Diagnostic> out) {
        for (Conditions.Leaf l : Conditions.leaves(files)) {
            Expr leaf = l.expr();
            if (leaf instanceof Expr.Comparison cmp && cmp.op() == Operator.MATCHES
                    && cmp.right() instanceof Operand.Str pattern && endsWithLoneBackslash(pattern.value())) {
                out.add(Diagnostic.error(pattern.span(), "pattern ends with a lone '\\'",
                        "to match a backslash, escape it in the pattern: write \"\\\\\\\\\""));
            }
        }
    }

    static boolean endsWithLoneBackslash(String pattern) {
        int i = 0;
        while (i < pattern.length()) {
            if (pattern.charAt(i) == '\\') {
                if (i + 1 == pattern.length()) {
                    return true;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return false;
    }
}
