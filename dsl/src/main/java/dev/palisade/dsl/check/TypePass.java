package dev.palisade.dsl.check;

import static dev.palisade.dsl.check.OperandTypes.article;
import static dev.palisade.dsl.check.OperandTypes.source;
import static dev.palisade.dsl.schema.ValueType.BOOL;
import static dev.palisade.dsl.schema.ValueType.STRING;
import static dev.palisade.dsl.schema.ValueType.STRING_LIST;

import dev.palisade.dsl.ast.Expr;
import dev.palisade.dsl.ast.Operand;
import dev.palisade.dsl.ast.Operator;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.schema.RuleStage;
import dev.palisade.dsl.schema.ValueType;
import dev.palisade.dsl.source.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * The operand types each operator accepts. At most one error per comparison: the first wrong
 * side is what the author needs to fix, a second message about the same three words is noise.
 */
final class TypePass implements CheckPass {
    @Override
    public String name() {
        return "types";
    }

    @Override
    public void run(List<PolicyFile> files, List<Diagnostic> out) {
        for (Conditions.Leaf l : Conditions.leaves(files)) {
            Diagnostic error = l.expr() instanceof Expr.Comparison cmp ? comparison(cmp, l.stage())
                    : test((Expr.Test) l.expr(), l.stage());
            if (error != null) {
                out.add(error);
            }
        }
    }

    private static Diagnostic test(Expr.Test test, RuleStage stage) {
        Operand operand = test.operand();
        Optional<ValueType> type = OperandTypes.of(operand, stage);
        if (type.isEmpty() || type.get() == BOOL) {
            return null;
        }
        if (operand instanceof Operand.Attribute) {
            String help = type.get() == STRING
                    ? "compare it, e.g. '" + source(operand) + " == \"...\"'"
                    : "test membership, e.g. '\"...\" in " + source(operand) + "'";
            return Diagnostic.error(operand.span(),
                    "condition must be a boolean, but '" + source(operand) + "' is " + article(type.get()), help);
        }
        return Diagnostic.error(operand.span(), "condition must be a boolean, not " + article(type.get()));
    }

    private static Diagnostic comparison(Expr.Comparison cmp, RuleStage stage) {
        Optional<ValueType> leftType = OperandTypes.of(cmp.left(), stage);
        Optional<ValueType> rightType = OperandTypes.of(cmp.right(), stage);
        if (leftType.isEmpty() || rightType.isEmpty()) {
            return null; // an unknown attribute, reported by the attribute pass
        }
        if (OperandTypes.isLiteral(cmp.left()) && OperandTypes.isLiteral(cmp.right())) {
            return Diagnostic.error(cmp.span(), "comparison of two literals is always true or always false");
        }
        Sides sides = new Sides(cmp, leftType.get(), rightType.get());
        return switch (cmp.op()) {
            case EQ, NE -> equality(sides);
            case IN, NOT_IN -> membership(sides);
            case CONTAINS -> contains(sides);
            case STARTS_WITH, ENDS_WITH, MATCHES -> pattern(sides);
        };
    }

    private static Diagnostic equality(Sides s) {
        if (s.left == s.right && s.left != STRING_LIST) {
            return null;
        }
        String message = "cannot compare " + article(s.left) + " with " + article(s.right) + " using '" + s.op() + "'";
        String membership = s.cmp.op() == Operator.EQ ? "in" : "not in";
        String help = null;
        if (s.left == STRING_LIST && s.right == STRING || s.left == STRING && s.right == STRING_LIST) {
            Operand list = s.left == STRING_LIST ? s.cmp.left() : s.cmp.right();
            Operand string = s.left == STRING_LIST ? s.cmp.right() : s.cmp.left();
            help = "try '" + source(string) + " " + membership + " " + source(list) + "'";
        } else if (s.left == STRING_LIST && s.right == STRING_LIST) {
            help = "lists cannot be compared; test single values with 'in' or 'contains'";
        } else if (s.cmp.right() instanceof Operand.Str str && s.left == BOOL
                && (str.value().equals("true") || str.value().equals("false"))) {
            help = "try '" + source(s.cmp.left()) + " " + s.op() + " " + str.value() + "' without quotes";
        }
        return Diagnostic.error(s.cmp.opSpan(), message, help);
    }

    private static Diagnostic membership(Sides s) {
        if (s.left != STRING) {
            String help = s.left == STRING_LIST && s.right == STRING && s.cmp.op() == Operator.IN
                    ? "try '" + source(s.cmp.left()) + " contains " + source(s.cmp.right()) + "'" : null;
            return Diagnostic.error(s.cmp.left().span(),
                    "left side of '" + s.op() + "' must be a string, not " + article(s.left), help);
        }
        if (s.right != STRING_LIST) {
            String help = s.right == STRING
                    ? "use '" + (s.cmp.op() == Operator.IN ? "==" : "!=") + "' to compare two strings, or 'contains' for a substring"
                    : null;
            return Diagnostic.error(s.cmp.right().span(),
                    "right side of '" + s.op() + "' must be a list of strings, not " + article(s.right), help);
        }
        return null;
    }

    private static Diagnostic contains(Sides s) {
        if (s.left == BOOL) {
            return Diagnostic.error(s.cmp.left().span(),
                    "left side of 'contains' must be a string or a list of strings, not a boolean");
        }
        if (s.right != STRING) {
            String help = s.left == STRING && s.right == STRING_LIST
                    ? "try '" + source(s.cmp.left()) + " in " + source(s.cmp.right()) + "'" : null;
            return Diagnostic.error(s.cmp.right().span(),
                    "right side of 'contains' must be a string, not " + article(s.right), help);
        }
        return null;
    }

    /**
     * startsWith, endsWith: a string (or list of strings) on the left, a string on the right;
     * matches: a glob, so a string literal known when the policy is compiled.
     */
    private static Diagnostic pattern(Sides s) {
        if (s.left == BOOL) {
            return Diagnostic.error(s.cmp.left().span(),
                    "left side of '" + s.op() + "' must be a string or a list of strings, not a boolean");
        }
        if (s.cmp.op() != Operator.MATCHES && s.right == STRING) {
            return null;
        }
        if (!(s.cmp.right() instanceof Operand.Str)) {
            boolean computed = !OperandTypes.isLiteral(s.cmp.right());
            String found = s.cmp.right() instanceof Operand.Attribute ? "an attribute"
                    : computed && s.right == STRING ? "a computed string" : article(s.right);
            String help = s.right == STRING
                    ? "the pattern must be known when the policy is compiled"
                    : s.right == STRING_LIST ? "write one comparison per pattern, joined with 'or'" : null;
            String wanted = s.cmp.op() == Operator.MATCHES ? "a string literal" : "a string";
            return Diagnostic.error(s.cmp.right().span(),
                    "right side of '" + s.op() + "' must be " + wanted + ", not " + found, help);
        }
        return null; // a literal left side with a literal pattern was rejected as two literals
    }

    private record Sides(Expr.Comparison cmp, ValueType left, ValueType right) {
        String op() {
            return cmp.op().spelling();
        }
    }
}
