package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.AdmissionRule;
import dev.palisade.dsl.ast.Cond;
import dev.palisade.dsl.ast.Expr;
import dev.palisade.dsl.ast.Operand;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Term;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.Span;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A warning for {@code {name}} inside a condition's string: holes are filled in {@code because}
 * messages only, so {@code user.name startsWith "system:serviceaccount:{namespace}:"} compares
 * with the literal text and denied every read (issue 14, found 1). A warning, not an error:
 * a brace can be meant literally (a JSON fragment in an annotation).
 */
final class BraceInStringPass implements CheckPass {
    private static final Pattern HOLE = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_.]*(\\[[^\\]]*\\])?[A-Za-z0-9_.]*\\}");

    @Override
    public String name() {
        return "brace-in-string";
    }

    @Override
    public void run(List<PolicyFile> files, List<Diagnostic> out) {
        for (Conditions.Leaf leaf : Conditions.leaves(files)) {
            if (leaf.expr() instanceof Expr.Comparison c) {
                operand(c.left(), out);
                operand(c.right(), out);
            }
        }
        for (PolicyFile f : files) {
            for (AdmissionRule r : f.admissionRules()) {
                if (r.condition() != null) {
                    admission(r.condition(), out);
                }
            }
        }
    }

    private static void operand(Operand o, List<Diagnostic> out) {
        if (o instanceof Operand.Str s) {
            check(s.value(), s.span(), out);
        } else if (o instanceof Operand.StrList l) {
            l.elements().forEach(e -> check(e.value(), e.span(), out));
        } else if (o instanceof Operand.Concat c) {
            c.parts().forEach(p -> operand(p, out));
        } else if (o instanceof Operand.Call c) {
            c.args().forEach(a -> operand(a, out));
        }
    }

    private static void admission(Cond root, List<Diagnostic> out) {
        Cond.forEachNode(root, c -> {
            if (c instanceof Cond.Compare cmp) {
                term(cmp.left(), out);
                term(cmp.right(), out);
            }
        });
    }

    private static void term(Term t, List<Diagnostic> out) {
        if (t instanceof Term.Str s) {
            check(s.value(), s.span(), out);
        } else if (t instanceof Term.ListLit l) {
            l.elements().forEach(e -> term(e, out));
        } else if (t instanceof Term.Concat c) {
            c.parts().forEach(e -> term(e, out));
        }
    }

    private static void check(String value, Span span, List<Diagnostic> out) {
        Matcher m = HOLE.matcher(value);
        if (m.find()) {
            out.add(Diagnostic.warning(span, "'" + m.group() + "' in a condition's string is literal text",
                    "holes are filled in 'because' messages only; compare with the attribute itself, "
                            + "e.g. namespace == user.serviceAccount.namespace"));
        }
    }
}
