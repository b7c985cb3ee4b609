package dev.palisade.diff;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.CharSort;
import com.microsoft.z3.Expr;
import com.microsoft.z3.SeqSort;
import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.ast.Expr.Comparison;
import dev.palisade.dsl.ast.Operand;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Rule;
import dev.palisade.dsl.check.RuleId;
import dev.palisade.dsl.source.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A DSL policy set as formulas, with the meaning the compiled rules give each operator (see
 * ConditionLowering and Predicate in dsl/): deny overrides allow inside the set; a list attribute
 * ({@code user.groups}, {@code user.extra[k]}) {@code contains} / {@code startsWith} /
 * {@code endsWith} / {@code matches} when any member does; {@code x in <list attribute>} is
 * membership. Anything else is refused rather than guessed.
 */
final class PolicyEncoder {
    private final RequestSpace space;

    PolicyEncoder(RequestSpace space) {
        this.space = space;
    }

    EncodedAuthorizer encode(String name, List<PolicyFile> files) {
        List<Element> elements = new ArrayList<>();
        List<BoolExpr> allows = new ArrayList<>();
        List<BoolExpr> denies = new ArrayList<>();
        for (PolicyFile f : files) {
            for (Rule r : f.rules()) {
                String id = RuleId.of(f, r);
                BoolExpr match;
                try {
                    match = condition(r.condition());
                } catch (UnsupportedPolicyException e) {
                    throw new UnsupportedPolicyException(e.getMessage() + " (rule \"" + id + "\")");
                }
                String text = r.condition() == null ? "always" : source(r.condition().span());
                Element.Effect effect = r.effect() == Effect.DENY ? Element.Effect.DENY : Element.Effect.ALLOW;
                String word = effect == Element.Effect.DENY ? "deny" : "allow";
                elements.add(new Element(name + "|" + word + "|" + id + "|" + text, effect,
                        word + " \"" + id + "\" when " + text, r.span().location(), match,
                        fixed(r.condition(), "namespace"), fixed(r.condition(), "user.name")));
                (effect == Element.Effect.DENY ? denies : allows).add(match);
            }
        }
        BoolExpr deny = space.or(denies);
        return new EncodedAuthorizer("Policy/" + name, name, space.ctx.mkAnd(space.ctx.mkNot(deny), space.or(allows)), deny, elements);
    }

    /** The value {@code attribute == "v"} fixes when it is a top-level conjunct of the condition, else null. */
    private static String fixed(dev.palisade.dsl.ast.Expr e, String attribute) {
        Deque<dev.palisade.dsl.ast.Expr> stack = new ArrayDeque<>();
        if (e != null) {
            stack.push(e);
        }
        while (!stack.isEmpty()) {
            dev.palisade.dsl.ast.Expr x = stack.pop();
            if (x instanceof dev.palisade.dsl.ast.Expr.And a) {
                stack.push(a.left());
                stack.push(a.right());
            } else if (x instanceof Comparison c && c.op() == dev.palisade.dsl.ast.Operator.EQ) {
                if (c.left() instanceof Operand.Attribute a && a.name().equals(attribute) && c.right() instanceof Operand.Str v) {
                    return v.value();
                }
                if (c.right() instanceof Operand.Attribute a && a.name().equals(attribute) && c.left() instanceof Operand.Str v) {
                    return v.value();
                }
            }
        }
        return null;
    }

    /** And/or chains are flattened with an explicit stack, so a long chain cannot overflow the thread's stack. */
    private BoolExpr condition(dev.palisade.dsl.ast.Expr e) {
        if (e == null) {
            return space.ctx.mkTrue();
        }
        if (e instanceof dev.palisade.dsl.ast.Expr.And || e instanceof dev.palisade.dsl.ast.Expr.Or) {
            boolean and = e instanceof dev.palisade.dsl.ast.Expr.And;
            List<BoolExpr> parts = new ArrayList<>();
            Deque<dev.palisade.dsl.ast.Expr> stack = new ArrayDeque<>();
            stack.push(e);
            while (!stack.isEmpty()) {
                dev.palisade.dsl.ast.Expr x = stack.pop();
                if (and && x instanceof dev.palisade.dsl.ast.Expr.And a) {
                    stack.push(a.right());
                    stack.push(a.left());
                } else if (!and && x instanceof dev.palisade.dsl.ast.Expr.Or o) {
                    stack.push(o.right());
                    stack.push(o.left());
                } else {
                    parts.add(condition(x));
                }
            }
            return and ? space.and(parts) : space.or(parts);
        }
        if (e instanceof dev.palisade.dsl.ast.Expr.Not n) {
            return space.ctx.mkNot(condition(n.operand()));
        }
        if (e instanceof dev.palisade.dsl.ast.Expr.Test t) {
            if (t.operand() instanceof Operand.Bool b) {
                return space.ctx.mkBool(b.value());
            }
            if (t.operand() instanceof Operand.Attribute a && a.name().equals("resourceRequest")) {
                return space.resourceRequest;
            }
            if (t.operand() instanceof Operand.Call call) {
                throw unsupported(call.span(), "'" + call.name() + "(...)': " + whyNot(call));
            }
            throw unsupported(e.span(), "a test of " + describe(t.operand()));
        }
        return comparison((Comparison) e);
    }

    private BoolExpr comparison(Comparison c) {
        Operand left = c.left();
        Operand right = c.right();
        return switch (c.op()) {
            case EQ -> equal(left, right, c.span());
            case NE -> space.ctx.mkNot(equal(left, right, c.span()));
            case IN -> member(left, right, c.span());
            case NOT_IN -> space.ctx.mkNot(member(left, right, c.span()));
            case CONTAINS -> contains(left, right, c.span());
            case STARTS_WITH -> affix(left, right, c.span(), true);
            case ENDS_WITH -> affix(left, right, c.span(), false);
            case MATCHES -> test(left, right, c.span(), lit -> s -> space.matches(s, lit));
        };
    }

    private BoolExpr equal(Operand left, Operand right, Span at) {
        if (left instanceof Operand.Bool l && right instanceof Operand.Bool r) {
            return space.ctx.mkBool(l.value() == r.value());
        }
        if (isResourceRequest(left) || isResourceRequest(right)) {
            Operand other = isResourceRequest(left) ? right : left;
            if (other instanceof Operand.Bool b) {
                return b.value() ? space.resourceRequest : space.ctx.mkNot(space.resourceRequest);
            }
            if (isResourceRequest(other)) {
                return space.ctx.mkTrue();
            }
            throw unsupported(at, "comparing resourceRequest with " + describe(other));
        }
        return space.ctx.mkEq(string(left, at), string(right, at));
    }

    private static boolean isResourceRequest(Operand o) {
        return o instanceof Operand.Attribute a && a.name().equals("resourceRequest");
    }

    /** {@code x in [...]} or {@code x in <list attribute>}. */
    private BoolExpr member(Operand element, Operand container, Span at) {
        if (container instanceof Operand.StrList list) {
            Expr<SeqSort<CharSort>> x = string(element, at);
            List<BoolExpr> out = new ArrayList<>();
            for (Operand.Str s : list.elements()) {
                out.add(space.ctx.mkEq(x, space.ctx.mkString(s.value())));
            }
            return space.or(out);
        }
        StringSet set = set(container, at);
        if (element instanceof Operand.Str s) {
            return set.contains(s.value());
        }
        Expr<SeqSort<CharSort>> x = string(element, at);
        return set.any(m -> space.ctx.mkEq(m, x));
    }

    private BoolExpr contains(Operand left, Operand right, Span at) {
        if (isSet(left)) {
            return member(right, left, at);
        }
        if (left instanceof Operand.StrList) {
            return member(right, left, at);
        }
        return space.ctx.mkContains(string(left, at), string(right, at));
    }

    /** startsWith / endsWith a string (a literal, an attribute or a computed string): on a scalar, or any member of a list attribute. */
    private BoolExpr affix(Operand left, Operand right, Span at, boolean prefix) {
        Expr<SeqSort<CharSort>> r = string(right, at);
        Function<Expr<SeqSort<CharSort>>, BoolExpr> p = s -> prefix ? space.ctx.mkPrefixOf(r, s) : space.ctx.mkSuffixOf(r, s);
        if (isSet(left)) {
            return set(left, at).any(p);
        }
        return p.apply(string(left, at));
    }

    /** matches with a literal: on a scalar, or on any member of a list attribute. */
    private BoolExpr test(Operand left, Operand right, Span at,
                          Function<String, Function<Expr<SeqSort<CharSort>>, BoolExpr>> predicate) {
        if (!(right instanceof Operand.Str literal)) {
            throw unsupported(at, "the right side must be a string literal");
        }
        Function<Expr<SeqSort<CharSort>>, BoolExpr> p = predicate.apply(literal.value());
        if (isSet(left)) {
            return set(left, at).any(p);
        }
        return p.apply(string(left, at));
    }

    private static boolean isSet(Operand o) {
        return o instanceof Operand.Attribute a && (a.name().equals("user.groups") || a.name().equals("user.extra"));
    }

    private StringSet set(Operand o, Span at) {
        if (o instanceof Operand.Attribute a && a.name().equals("user.groups")) {
            return space.groups;
        }
        if (o instanceof Operand.Attribute a && a.name().equals("user.extra")) {
            return space.extra(a.key());
        }
        throw unsupported(at, describe(o) + " is not a list attribute");
    }

    private Expr<SeqSort<CharSort>> string(Operand o, Span at) {
        if (o instanceof Operand.Str s) {
            return space.ctx.mkString(s.value());
        }
        if (o instanceof Operand.Attribute a) {
            Expr<SeqSort<CharSort>> v = space.scalar(a.name());
            if (v != null) {
                return v;
            }
        }
        if (o instanceof Operand.Concat c) {
            // Z3's str.++ is exactly the runtime's join ("" for an absent attribute, as in the request space)
            List<Expr<SeqSort<CharSort>>> parts = new ArrayList<>();
            for (Operand p : c.parts()) {
                parts.add(string(p, at));
            }
            @SuppressWarnings("unchecked")
            Expr<SeqSort<CharSort>>[] array = parts.toArray(new Expr[0]);
            return space.ctx.mkConcat(array);
        }
        if (o instanceof Operand.Call call && call.function() == dev.palisade.dsl.ast.AdmissionFunction.COALESCE) {
            // the first non-empty argument, else "": a chain of if-then-else, exact
            List<Operand> args = call.args();
            Expr<SeqSort<CharSort>> result = string(args.get(args.size() - 1), at);
            for (int i = args.size() - 2; i >= 0; i--) {
                Expr<SeqSort<CharSort>> a = string(args.get(i), at);
                result = (Expr<SeqSort<CharSort>>) space.ctx.mkITE(space.ctx.mkEq(a, space.ctx.mkString("")), result, a);
            }
            return result;
        }
        if (o instanceof Operand.Call call) {
            throw unsupported(call.span(), "'" + call.name() + "(...)': " + whyNot(call));
        }
        throw unsupported(at, describe(o) + " where a string is needed");
    }

    /** Why a function has no exact encoding in Z3's theory of strings (so diff refuses rather than guesses). */
    private static String whyNot(Operand.Call call) {
        if (call.function() == null) {
            return "an unknown function";
        }
        return switch (call.function()) {
            case LOWER, UPPER -> "Z3's theory of strings has no case mapping, and Java's Unicode case mapping"
                    + " (which can change a string's length) cannot be encoded exactly";
            case REGEX -> "RE2 regular expressions (search semantics, classes, anchors) are not encoded exactly;"
                    + " use a glob with 'matches', startsWith or endsWith, which diff encodes exactly";
            default -> "no exact encoding";
        };
    }

    private static String describe(Operand o) {
        if (o instanceof Operand.Attribute a) {
            return "attribute " + a.name();
        }
        return o.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private static UnsupportedPolicyException unsupported(Span at, String what) {
        return new UnsupportedPolicyException(at.location() + ": diff cannot analyse " + what);
    }

    static String source(Span span) {
        String text = span.file().text();
        int start = span.file().lineStart(span.line()) + span.column() - 1;
        int end = span.file().lineStart(span.endLine()) + span.endColumn();
        if (start < 0 || end > text.length() || start >= end) {
            return "?";
        }
        return text.substring(start, end).replaceAll("\\s+", " ");
    }
}
