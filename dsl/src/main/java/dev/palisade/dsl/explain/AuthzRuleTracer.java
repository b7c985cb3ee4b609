package dev.palisade.dsl.explain;

import dev.palisade.dsl.ast.Expr;
import dev.palisade.dsl.ast.Operand;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Rule;
import dev.palisade.dsl.check.RuleId;
import dev.palisade.dsl.lower.BooleanLowering;
import dev.palisade.dsl.lower.Dnf;
import dev.palisade.dsl.lower.Negatable;
import dev.palisade.dsl.runtime.AuthzInput;
import dev.palisade.dsl.runtime.RequestExpression;
import dev.palisade.dsl.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Traces the authorization rules of a policy set over one request: for each rule, whether it
 * matched, and if not, whether it missed on exactly one condition (a near miss) and which.
 *
 * <p>Each rule's condition is put in disjunctive normal form with the compiler's own
 * {@link BooleanLowering}; each literal is then evaluated in Java, by the {@link RequestExpression}
 * that compiled rules run for computed operands, with the meaning the compiled rules give every
 * leaf (ConditionLowering and Predicate): a list attribute {@code contains} /
 * {@code startsWith} / {@code matches} when any element does, {@code in} a list attribute is
 * membership, and so on. A rule matches when some alternative has every literal true; it is a near
 * miss when some alternative has exactly one literal false. Tests check that the matches agree
 * with the compiled program's on every bundled and library request.
 */
public final class AuthzRuleTracer {
    /** Conditions beyond this many alternatives are traced as matched or not only, without near misses. */
    private static final int DNF_CAP = 256;

    private final List<Traced> rules = new ArrayList<>();

    private record Traced(String id, Rule rule) {}

    /** A leaf of a condition, or its negation. */
    private record Lit(Expr leaf, boolean negated) implements Negatable<Lit> {
        @Override
        public Lit negate() {
            return new Lit(leaf, !negated);
        }
    }

    public AuthzRuleTracer(List<PolicyFile> files) {
        for (PolicyFile f : files) {
            for (Rule r : f.rules()) {
                rules.add(new Traced(RuleId.of(f, r), r));
            }
        }
    }

    /** Every rule's outcome for the request, in rule order. */
    public List<RuleTrace> trace(AuthzInput request) {
        List<RuleTrace> out = new ArrayList<>(rules.size());
        for (Traced t : rules) {
            out.add(trace(t, request));
        }
        return out;
    }

    private static RuleTrace trace(Traced t, AuthzInput request) {
        Rule rule = t.rule();
        String location = rule.span().location();
        Dnf<Lit> dnf;
        try {
            dnf = lower(rule.condition());
        } catch (Dnf.TooLarge e) {
            boolean matched = evaluate(rule.condition(), request);
            return new RuleTrace(t.id(), rule.effect(), location,
                    matched ? RuleTrace.Outcome.MATCHED : RuleTrace.Outcome.MISSED, List.of());
        }
        Map<String, RuleTrace.Miss> nearMisses = new LinkedHashMap<>();
        for (Set<Lit> term : dnf.terms()) {
            List<Lit> failed = new ArrayList<>(2);
            for (Lit lit : term) {
                if (holds(lit.leaf(), request) == lit.negated()) {
                    failed.add(lit);
                    if (failed.size() > 1) {
                        break;
                    }
                }
            }
            if (failed.isEmpty()) {
                return new RuleTrace(t.id(), rule.effect(), location, RuleTrace.Outcome.MATCHED, List.of());
            }
            if (failed.size() == 1) {
                RuleTrace.Miss miss = miss(failed.get(0), request);
                nearMisses.putIfAbsent(miss.location() + " " + miss.condition(), miss);
            }
        }
        return nearMisses.isEmpty()
                ? new RuleTrace(t.id(), rule.effect(), location, RuleTrace.Outcome.MISSED, List.of())
                : new RuleTrace(t.id(), rule.effect(), location, RuleTrace.Outcome.NEAR_MISS, List.copyOf(nearMisses.values()));
    }

    private static RuleTrace.Miss miss(Lit lit, AuthzInput request) {
        String text = ConditionText.of(lit.leaf().span());
        List<String> actual = new ArrayList<>();
        for (Operand o : operands(lit.leaf())) {
            // a computed operand shows its value, then the attributes it was computed from
            if (Operand.isComputed(o) && !(o instanceof Operand.Call c && c.function() == dev.palisade.dsl.ast.AdmissionFunction.REGEX)) {
                String shown = ConditionText.of(o.span()) + " = " + ConditionText.value(value(o, request));
                if (!actual.contains(shown)) {
                    actual.add(shown);
                }
            }
            for (Operand.Attribute a : Operand.attributes(o)) {
                String shown = ConditionText.attribute(a) + " = " + ConditionText.value(value(a, request));
                if (!actual.contains(shown)) {
                    actual.add(shown);
                }
            }
        }
        String shown = !lit.negated() ? text : text.startsWith("(") && text.endsWith(")") ? "not " + text : "not (" + text + ")";
        return new RuleTrace.Miss(shown, lit.leaf().span().location(), actual);
    }

    private static List<Operand> operands(Expr leaf) {
        if (leaf instanceof Expr.Comparison c) {
            return List.of(c.left(), c.right());
        }
        return List.of(((Expr.Test) leaf).operand());
    }

    private static Dnf<Lit> lower(Expr condition) {
        BooleanLowering<Expr, Lit> lowering = new BooleanLowering<>(new BooleanLowering.Leaves<Expr, Lit>() {
            @Override
            public BooleanLowering.Shape<Expr> shape(Expr e) {
                if (e instanceof Expr.And a) {
                    return new BooleanLowering.Shape.And<>(a.left(), a.right());
                }
                if (e instanceof Expr.Or o) {
                    return new BooleanLowering.Shape.Or<>(o.left(), o.right());
                }
                if (e instanceof Expr.Not n) {
                    return new BooleanLowering.Shape.Not<>(n.operand());
                }
                return new BooleanLowering.Shape.Leaf<>();
            }

            @Override
            public Dnf<Lit> leaf(Expr e, boolean negate) {
                return Dnf.of(new Lit(e, negate));
            }
        }, DNF_CAP);
        return lowering.lower(condition, false);
    }

    /** The whole condition, for a rule whose normal form is too large to trace literal by literal. */
    private static boolean evaluate(Expr e, AuthzInput request) {
        if (e == null) {
            return true;
        }
        if (e instanceof Expr.And a) {
            return evaluate(a.left(), request) && evaluate(a.right(), request);
        }
        if (e instanceof Expr.Or o) {
            return evaluate(o.left(), request) || evaluate(o.right(), request);
        }
        if (e instanceof Expr.Not n) {
            return !evaluate(n.operand(), request);
        }
        return holds(e, request);
    }

    /** A leaf's truth, with the meaning the compiled rules give it: the same {@link RequestExpression} computed tests run. */
    static boolean holds(Expr leaf, AuthzInput request) {
        return RequestExpression.compile(leaf).test(request);
    }

    /** A literal's value, or the request's value of an attribute or computed operand: a String, a Boolean or a List of Strings. */
    static Object value(Operand o, AuthzInput r) {
        return RequestExpression.value(o).get(r);
    }

    /** The source text of a span, whitespace runs folded to one space. */
    static final class ConditionText {
        private ConditionText() {}

        static String of(Span span) {
            String text = span.file().text();
            int start = span.file().lineStart(span.line()) + span.column() - 1;
            int end = span.file().lineStart(span.endLine()) + span.endColumn();
            if (start < 0 || end > text.length() || start >= end) {
                return "?";
            }
            return text.substring(start, end).replaceAll("\\s+", " ");
        }

        static String attribute(Operand.Attribute a) {
            return a.key() == null ? a.name() : a.name() + "[" + value(a.key()) + "]";
        }

        static String value(Object v) {
            if (v instanceof String s) {
                StringBuilder b = new StringBuilder("\"");
                for (int i = 0; i < s.length(); i++) {
                    char ch = s.charAt(i);
                    switch (ch) {
                        case '"' -> b.append("\\\"");
                        case '\\' -> b.append("\\\\");
                        case '\n' -> b.append("\\n");
                        case '\r' -> b.append("\\r");
                        case '\t' -> b.append("\\t");
                        default -> {
                            if (ch < 0x20 || Character.isISOControl(ch)) {
                                b.append(String.format("\\u%04x", (int) ch));
                            } else {
                                b.append(ch);
                            }
                        }
                    }
                }
                return b.append('"').toString();
            }
            if (v instanceof List<?> l) {
                List<String> parts = new ArrayList<>();
                for (Object o : l) {
                    parts.add(value(o));
                }
                return "[" + String.join(", ", parts) + "]";
            }
            return String.valueOf(v);
        }
    }
}
