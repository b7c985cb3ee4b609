package dev.palisade.dsl.ast;

import dev.palisade.dsl.source.Span;

/** A boolean condition. */
public sealed interface Expr permits Expr.And, Expr.Or, Expr.Not, Expr.Comparison, Expr.Test {
    Span span();

    record And(Expr left, Expr right, Span span) implements Expr {}

    record Or(Expr left, Expr right, Span span) implements Expr {}

    record Not(Expr operand, Span span) implements Expr {}

    /** {@code left op right}; {@code opSpan} points at the operator for error messages. */
    record Comparison(Operand left, Operator op, Span opSpan, Operand right, Span span) implements Expr {}

    /** A bare operand used as a condition, e.g. {@code resourceRequest}; must be boolean. */
    record Test(Operand operand, Span span) implements Expr {}
}
