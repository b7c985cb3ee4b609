package dev.palisade.dsl.compile;

import dev.palisade.dsl.ast.Expr;
import dev.palisade.dsl.ast.Operand;
import dev.palisade.dsl.ast.Operator;
import dev.palisade.dsl.lower.BooleanLowering;
import dev.palisade.dsl.lower.BooleanLowering.Shape;
import dev.palisade.dsl.lower.Dnf;
import dev.palisade.dsl.lower.Literal;
import dev.palisade.dsl.runtime.Glob;
import dev.palisade.dsl.runtime.Predicate;
import dev.palisade.dsl.schema.AuthzAttribute;
import dev.palisade.dsl.schema.ValueType;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns a checked condition into DNF over {@link AuthzAtom}s, pushing negation down to the literals.
 * Its input passed the checker, but this is the security core: anything it does not understand
 * is an {@link IllegalArgumentException}, never a silently true or false condition.
 */
final class ConditionLowering implements BooleanLowering.Leaves<Expr, Literal<AuthzAtom>> {
    private final Tables tables;
    private final BooleanLowering<Expr, Literal<AuthzAtom>> walk;

    ConditionLowering(Tables tables, int cap) {
        this.tables = tables;
        this.walk = new BooleanLowering<>(this, cap);
    }

    /** The DNF of {@code expr}, or of its negation when {@code negate}; null means always true. */
    Dnf<Literal<AuthzAtom>> lower(Expr expr, boolean negate) {
        return walk.lower(expr, negate);
    }

    @Override
    public Shape<Expr> shape(Expr expr) {
        if (expr instanceof Expr.And a) {
            return new Shape.And<>(a.left(), a.right());
        }
        if (expr instanceof Expr.Or o) {
            return new Shape.Or<>(o.left(), o.right());
        }
        if (expr instanceof Expr.Not n) {
            return new Shape.Not<>(required(n.operand(), "not operand"));
        }
        return new Shape.Leaf<>();
    }

    @Override
    public Dnf<Literal<AuthzAtom>> leaf(Expr expr, boolean negate) {
        if (expr instanceof Expr.Test t) {
            if (Operand.isComputed(required(t.operand(), "test operand"))) {
                return literal(computed(t), negate);
            }
            return literal(test(t.operand()), negate);
        }
        if (expr instanceof Expr.Comparison c) {
            if (isComputed(c)) {
                return literal(computed(c), negate);
            }
            return literal(comparison(c), negate);
        }
        throw unsupported("unknown expression " + (expr == null ? "null" : expr.getClass().getName()));
    }

    private static Dnf<Literal<AuthzAtom>> literal(Object atomOrConstant, boolean negate) {
        if (atomOrConstant instanceof Boolean b) {
            return Dnf.constant(b != negate);
        }
        if (atomOrConstant instanceof Negated n) {
            return Dnf.of(new Literal<>(n.atom(), !negate));
        }
        return Dnf.of(new Literal<>((AuthzAtom) atomOrConstant, negate));
    }

    /**
     * Whether a leaf needs a Java test on the request: a computed operand, or a prefix / suffix
     * given by an attribute (not a literal, so there is no predicate table entry for it).
     */
    private static boolean isComputed(Expr.Comparison c) {
        Operand left = required(c.left(), "left operand");
        Operand right = required(c.right(), "right operand");
        return Operand.isComputed(left) || Operand.isComputed(right)
                || (c.op() == Operator.STARTS_WITH || c.op() == Operator.ENDS_WITH) && right instanceof Operand.Attribute;
    }

    /**
     * A non-indexed test of the request, only in the rules that use it; every other literal of the
     * rule keeps its hashed form, and this one is ranked after them.
     */
    private AuthzAtom computed(Expr leaf) {
        String canonical = leaf instanceof Expr.Comparison c
                ? canonical(c.left()) + " " + required(c.op(), "operator").spelling() + " " + canonical(c.right())
                : canonical(((Expr.Test) leaf).operand());
        return tables.computed(canonical, () -> dev.palisade.dsl.runtime.RequestExpression.compile(leaf));
    }

    /** The operand's meaning as text, positions left out: equal texts are equal tests. */
    private static String canonical(Operand o) {
        if (o instanceof Operand.Attribute a) {
            attribute(a); // fails closed on an unknown or wrongly keyed attribute
            return a.key() == null ? a.name() : a.name() + "[" + quoted(a.key()) + "]";
        }
        if (o instanceof Operand.Str s) {
            return quoted(s.value());
        }
        if (o instanceof Operand.Bool b) {
            return Boolean.toString(b.value());
        }
        if (o instanceof Operand.StrList l) {
            return "[" + String.join(", ", l.elements().stream().map(e -> quoted(e.value())).toList()) + "]";
        }
        if (o instanceof Operand.Concat c) {
            return "(" + String.join(" + ", c.parts().stream().map(ConditionLowering::canonical).toList()) + ")";
        }
        Operand.Call call = (Operand.Call) o;
        if (call.function() == null) {
            throw unsupported("unknown function " + call.name());
        }
        return call.function().spelling() + "(" + String.join(", ", call.args().stream().map(ConditionLowering::canonical).toList()) + ")";
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A bare operand used as a condition: a boolean attribute or literal. */
    private Object test(Operand operand) {
        if (operand instanceof Operand.Bool b) {
            return b.value();
        }
        if (operand instanceof Operand.Attribute a && attribute(a).type() == ValueType.BOOL) {
            return new AuthzAtom.Flag(attribute(a));
        }
        throw unsupported("a condition must be boolean, got " + describe(operand));
    }

    /** An {@link AuthzAtom}, or a Boolean when the comparison is constant. */
    private Object comparison(Expr.Comparison c) {
        Operator op = required(c.op(), "operator");
        Operand left = required(c.left(), "left operand");
        Operand right = required(c.right(), "right operand");
        return switch (op) {
            case EQ -> equality(left, right);
            case NE -> not(equality(left, right));
            case IN -> membership(left, right);
            case NOT_IN -> not(membership(left, right));
            case CONTAINS -> contains(left, right);
            case STARTS_WITH -> predicate(Predicate.Kind.STARTS_WITH, left, right);
            case ENDS_WITH -> predicate(Predicate.Kind.ENDS_WITH, left, right);
            case MATCHES -> predicate(Predicate.Kind.MATCHES, left, right);
        };
    }

    /** Negation of a constant folds; of an atom it becomes a negated literal via {@link Negated}. */
    private static Object not(Object atomOrConstant) {
        if (atomOrConstant instanceof Boolean b) {
            return !b;
        }
        if (atomOrConstant instanceof Negated n) {
            return n.atom();
        }
        return new Negated((AuthzAtom) atomOrConstant);
    }

    private Object equality(Operand left, Operand right) {
        if (left instanceof Operand.Str l && right instanceof Operand.Str r) {
            return l.value().equals(r.value());
        }
        if (left instanceof Operand.Bool l && right instanceof Operand.Bool r) {
            return l.value() == r.value();
        }
        if (!(left instanceof Operand.Attribute) && right instanceof Operand.Attribute) {
            return equality(right, left); // literal == attribute means attribute == literal
        }
        if (left instanceof Operand.Attribute la) {
            AuthzAttribute a = attribute(la);
            if (a.type() == ValueType.STRING && right instanceof Operand.Str r) {
                return new AuthzAtom.ScalarEq(a, tables.symbol(r.value()));
            }
            if (a.type() == ValueType.BOOL && right instanceof Operand.Bool r) {
                return r.value() ? new AuthzAtom.Flag(a) : new Negated(new AuthzAtom.Flag(a));
            }
            if (right instanceof Operand.Attribute ra && a.type() == attribute(ra).type()
                    && a.type() != ValueType.STRING_LIST) {
                AuthzAttribute b = attribute(ra);
                if (a == b) {
                    return true;
                }
                if (a.type() != ValueType.STRING) {
                    throw unsupported("comparing two different boolean attributes");
                }
                return a.ordinal() < b.ordinal() ? new AuthzAtom.ScalarEqAttr(a, b) : new AuthzAtom.ScalarEqAttr(b, a);
            }
        }
        throw unsupported("cannot compare " + describe(left) + " with " + describe(right) + " using ==");
    }

    private Object membership(Operand left, Operand right) {
        if (right instanceof Operand.StrList list) {
            return inLiteralList(left, list);
        }
        if (right instanceof Operand.Attribute ra && attribute(ra).type() == ValueType.STRING_LIST) {
            return member(ra, left);
        }
        throw unsupported("right side of in must be a list, got " + describe(right));
    }

    private Object inLiteralList(Operand left, Operand.StrList list) {
        if (left instanceof Operand.Str s) {
            return list.elements().stream().anyMatch(e -> e.value().equals(s.value()));
        }
        if (left instanceof Operand.Attribute la && attribute(la).type() == ValueType.STRING) {
            TreeSet<Integer> ids = new TreeSet<>();
            for (Operand.Str e : list.elements()) {
                ids.add(tables.symbol(e.value()));
            }
            AuthzAttribute a = attribute(la);
            if (ids.isEmpty()) {
                return false;
            }
            return ids.size() == 1 ? new AuthzAtom.ScalarEq(a, ids.first()) : new AuthzAtom.ScalarIn(a, List.copyOf(ids));
        }
        throw unsupported("left side of in must be a string, got " + describe(left));
    }

    /** Some element of the list attribute {@code list} equals the string operand {@code element}. */
    private AuthzAtom member(Operand.Attribute list, Operand element) {
        AuthzAttribute l = attribute(list);
        int key = key(list);
        if (element instanceof Operand.Str s) {
            return new AuthzAtom.HasMember(l, key, tables.symbol(s.value()));
        }
        if (element instanceof Operand.Attribute ea && attribute(ea).type() == ValueType.STRING) {
            return new AuthzAtom.MemberAttr(l, key, attribute(ea));
        }
        throw unsupported("cannot look for " + describe(element) + " in a list");
    }

    private Object contains(Operand left, Operand right) {
        if (left instanceof Operand.Attribute la && attribute(la).type() == ValueType.STRING_LIST) {
            return member(la, right);
        }
        if (left instanceof Operand.StrList list) {
            return inLiteralList(right, list);
        }
        return predicate(Predicate.Kind.CONTAINS, left, right);
    }

    private Object predicate(Predicate.Kind kind, Operand left, Operand right) {
        if (left instanceof Operand.Str l && right instanceof Operand.Str r) {
            return fold(kind, l.value(), r.value());
        }
        if (!(left instanceof Operand.Attribute la)) {
            throw unsupported("left side of " + kind + " must be an attribute, got " + describe(left));
        }
        AuthzAttribute a = attribute(la);
        if (a.type() == ValueType.BOOL) {
            throw unsupported(kind + " needs a string or list attribute, got " + a.dslName());
        }
        Predicate p;
        if (right instanceof Operand.Str r) {
            p = new Predicate(kind, a, r.value(), null);
        } else if (kind == Predicate.Kind.CONTAINS && a.type() == ValueType.STRING
                && right instanceof Operand.Attribute ra && attribute(ra).type() == ValueType.STRING) {
            p = new Predicate(kind, a, null, attribute(ra));
        } else {
            throw unsupported("right side of " + kind + " must be a string literal, got " + describe(right));
        }
        int id = tables.predicate(p);
        return a.type() == ValueType.STRING ? new AuthzAtom.ScalarTest(id) : new AuthzAtom.AnyTest(a, key(la), id);
    }

    /** A predicate between two literals is decided now. */
    private static boolean fold(Predicate.Kind kind, String left, String right) {
        return switch (kind) {
            case STARTS_WITH -> left.startsWith(right);
            case ENDS_WITH -> left.endsWith(right);
            case CONTAINS -> left.contains(right);
            case MATCHES -> Glob.compile(right).matches(left);
        };
    }

    private static AuthzAttribute attribute(Operand.Attribute a) {
        AuthzAttribute attr = AuthzAttribute.byName(required(a.name(), "attribute name"))
                .orElseThrow(() -> unsupported("unknown attribute " + a.name()));
        if (attr.keyed() != (a.key() != null)) {
            throw unsupported(attr.keyed() ? attr.dslName() + " needs a key" : attr.dslName() + " takes no key");
        }
        return attr;
    }

    /** The symbol of an extra key, or -1 for an unkeyed list. */
    private int key(Operand.Attribute a) {
        return attribute(a).keyed() ? tables.symbol(a.key()) : -1;
    }

    private static String describe(Operand o) {
        if (o instanceof Operand.Attribute a) {
            return "attribute " + a.name();
        }
        if (o instanceof Operand.Str) {
            return "a string";
        }
        if (o instanceof Operand.StrList) {
            return "a list literal";
        }
        if (Operand.isComputed(o)) {
            return "a computed value";
        }
        return "a boolean";
    }

    private static <T> T required(T value, String what) {
        if (value == null) {
            throw unsupported("missing " + what);
        }
        return value;
    }

    private static IllegalArgumentException unsupported(String what) {
        return new IllegalArgumentException("unsupported condition: " + what);
    }

    /** A negated atom produced inside a comparison (e.g. {@code !=}); unwrapped by {@link #literal}. */
    private record Negated(AuthzAtom atom) {}
}
