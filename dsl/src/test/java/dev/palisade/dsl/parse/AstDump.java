package dev.palisade.dsl.parse;

import dev.palisade.dsl.ast.AuthnRule;
import dev.palisade.dsl.ast.Expr;
import dev.palisade.dsl.ast.ObjPath;
import dev.palisade.dsl.ast.ImportDecl;
import dev.palisade.dsl.ast.Operand;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Rule;
import dev.palisade.dsl.source.Span;

/** A readable, indented dump of an AST with every span, for golden files. */
final class AstDump {
    private final StringBuilder out = new StringBuilder();

    private AstDump() {}

    static String of(PolicyFile file) {
        AstDump dump = new AstDump();
        dump.file(file);
        return dump.out.toString();
    }

    private void file(PolicyFile file) {
        line(0, "file " + file.source().path());
        if (file.packageDecl() != null) {
            line(1, "package " + file.packageDecl().name() + " " + span(file.packageDecl().span()));
        }
        for (ImportDecl decl : file.imports()) {
            line(1, "import " + quote(decl.path()) + " " + span(decl.span()));
        }
        for (Rule rule : file.rules()) {
            line(1, "rule " + rule.effect().name().toLowerCase() + " " + quote(rule.name()) + " " + span(rule.span())
                    + " name " + span(rule.nameSpan()));
            if (rule.condition() != null) {
                line(2, "when");
                expr(3, rule.condition());
            }
            if (rule.because() != null) {
                line(2, "because " + quote(rule.because().template()));
            }
        }
        for (AuthnRule rule : file.authnRules()) {
            line(1, "rule reject " + quote(rule.name()) + " " + span(rule.span()) + " name " + span(rule.nameSpan()));
            if (rule.condition() != null) {
                line(2, "when");
                expr(3, rule.condition());
            }
            if (rule.because() != null) {
                line(2, "because " + quote(rule.because().template()) + " " + span(rule.because().span()));
                for (Object part : rule.because().parts()) {
                    line(3, part instanceof ObjPath hole ? "hole " + hole.text() : "text " + quote((String) part));
                }
            }
        }
    }

    private void expr(int depth, Expr expr) {
        if (expr instanceof Expr.And and) {
            line(depth, "and " + span(and.span()));
            expr(depth + 1, and.left());
            expr(depth + 1, and.right());
        } else if (expr instanceof Expr.Or or) {
            line(depth, "or " + span(or.span()));
            expr(depth + 1, or.left());
            expr(depth + 1, or.right());
        } else if (expr instanceof Expr.Not not) {
            line(depth, "not " + span(not.span()));
            expr(depth + 1, not.operand());
        } else if (expr instanceof Expr.Comparison cmp) {
            line(depth, "compare " + cmp.op().spelling() + " " + span(cmp.span()) + " op " + span(cmp.opSpan()));
            operand(depth + 1, cmp.left());
            operand(depth + 1, cmp.right());
        } else if (expr instanceof Expr.Test test) {
            line(depth, "test " + span(test.span()));
            operand(depth + 1, test.operand());
        }
    }

    private void operand(int depth, Operand operand) {
        String text;
        if (operand instanceof Operand.Attribute a) {
            text = "attr " + a.name() + (a.key() == null ? "" : "[" + quote(a.key()) + "]");
        } else if (operand instanceof Operand.Str s) {
            text = "str " + quote(s.value());
        } else if (operand instanceof Operand.StrList list) {
            text = "list " + list.elements().stream().map(s -> quote(s.value()) + " " + span(s.span())).toList();
        } else {
            text = "bool " + ((Operand.Bool) operand).value();
        }
        line(depth, text + " " + span(operand.span()));
    }

    private void line(int depth, String text) {
        out.append("  ".repeat(depth)).append(text).append('\n');
    }

    private static String span(Span span) {
        return "@" + span.line() + ":" + span.column() + "-" + span.endLine() + ":" + span.endColumn();
    }

    /** Java-style quoting, so that decoded escapes are visible in the dump. */
    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
