package dev.palisade.dsl.parse;

import dev.palisade.dsl.ast.AdmissionRule;
import dev.palisade.dsl.ast.CmpOp;
import dev.palisade.dsl.ast.Cond;
import dev.palisade.dsl.ast.Message;
import dev.palisade.dsl.ast.Mutation;
import dev.palisade.dsl.ast.ObjPath;
import dev.palisade.dsl.ast.Term;
import dev.palisade.dsl.parse.PalisadeParser.AbsenceContext;
import dev.palisade.dsl.parse.PalisadeParser.AddMutationContext;
import dev.palisade.dsl.parse.PalisadeParser.AdmissionDeclContext;
import dev.palisade.dsl.parse.PalisadeParser.AndExprContext;
import dev.palisade.dsl.parse.PalisadeParser.AttributeOperandContext;
import dev.palisade.dsl.parse.PalisadeParser.ComparisonContext;
import dev.palisade.dsl.parse.PalisadeParser.CompOpContext;
import dev.palisade.dsl.parse.PalisadeParser.ExistenceContext;
import dev.palisade.dsl.parse.PalisadeParser.ExprContext;
import dev.palisade.dsl.parse.PalisadeParser.ForEachContext;
import dev.palisade.dsl.parse.PalisadeParser.ListOperandContext;
import dev.palisade.dsl.parse.PalisadeParser.LiteralContext;
import dev.palisade.dsl.parse.PalisadeParser.MutateDeclContext;
import dev.palisade.dsl.parse.PalisadeParser.MutationContext;
import dev.palisade.dsl.parse.PalisadeParser.NotExprContext;
import dev.palisade.dsl.parse.PalisadeParser.NumberOperandContext;
import dev.palisade.dsl.parse.PalisadeParser.OperandContext;
import dev.palisade.dsl.parse.PalisadeParser.ParenthesizedContext;
import dev.palisade.dsl.parse.PalisadeParser.PathContext;
import dev.palisade.dsl.parse.PalisadeParser.PrimaryContext;
import dev.palisade.dsl.parse.PalisadeParser.QuantifiedContext;
import dev.palisade.dsl.parse.PalisadeParser.SetMutationContext;
import dev.palisade.dsl.parse.PalisadeParser.StrContext;
import dev.palisade.dsl.parse.PalisadeParser.StringOperandContext;
import dev.palisade.dsl.parse.PalisadeParser.TargetsContext;
import dev.palisade.dsl.parse.PalisadeParser.TrueOperandContext;
import dev.palisade.dsl.parse.PalisadeParser.ValidateDeclContext;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.Span;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Builds admission rules ({@code validate} / {@code mutate}) from the parse tree. Shares the
 * expression grammar with authorization rules but builds its own nodes ({@link Cond}, {@link Term}):
 * admission conditions range over JSON objects with paths, numbers and quantifiers, which
 * authorization rules must not see.
 */
final class AdmissionAstBuilder {
    private final Spans spans;
    private final List<Diagnostic> diagnostics;
    private final Function<StrContext, String> strings;

    AdmissionAstBuilder(Spans spans, List<Diagnostic> diagnostics, Function<StrContext, String> strings) {
        this.spans = spans;
        this.diagnostics = diagnostics;
        this.strings = strings;
    }

    AdmissionRule rule(AdmissionDeclContext ctx) {
        if (ctx instanceof ValidateDeclContext v) {
            AdmissionRule.Enforcement enforcement = v.action == null ? AdmissionRule.Enforcement.DENY
                    : switch (v.action.getType()) {
                        case PalisadeParser.WARN -> AdmissionRule.Enforcement.WARN;
                        case PalisadeParser.AUDIT -> AdmissionRule.Enforcement.AUDIT;
                        default -> AdmissionRule.Enforcement.DENY;
                    };
            Cond condition = v.expr() == null ? null : expr(v.expr());
            Message because = v.because == null ? null : message(v.because);
            return new AdmissionRule(AdmissionRule.Kind.VALIDATE, strings.apply(v.name), spans.of(v.name),
                    words(v.targets().ops), words(v.targets().res), forEach(v.forEach()), enforcement, condition,
                    because, List.of(), spans.of(ctx));
        }
        MutateDeclContext m = (MutateDeclContext) ctx;
        List<Mutation> mutations = new ArrayList<>();
        for (MutationContext mc : m.mutation()) {
            mutations.add(mutation(mc));
        }
        Cond condition = m.expr() == null ? null : expr(m.expr());
        TargetsContext targets = m.targets();
        return new AdmissionRule(AdmissionRule.Kind.MUTATE, strings.apply(m.name), spans.of(m.name),
                words(targets.ops), words(targets.res), forEach(m.forEach()), AdmissionRule.Enforcement.DENY,
                condition, null, mutations, spans.of(ctx));
    }

    private List<AdmissionRule.Word> words(List<Token> tokens) {
        return tokens.stream().map(t -> new AdmissionRule.Word(t.getText(), spans.of(t))).toList();
    }

    private AdmissionRule.ForEach forEach(ForEachContext ctx) {
        if (ctx == null) {
            return null;
        }
        List<AdmissionRule.ForEach.Binding> bindings = ctx.eachBinding().stream()
                .map(b -> new AdmissionRule.ForEach.Binding(b.var.getText(), spans.of(b.var), b.path().stream().map(this::path).toList()))
                .toList();
        AdmissionRule.ForEach.Binding inner = bindings.get(bindings.size() - 1);
        return new AdmissionRule.ForEach(inner.var(), inner.varSpan(), inner.lists(), spans.of(ctx),
                bindings.subList(0, bindings.size() - 1));
    }

    private Mutation mutation(MutationContext ctx) {
        if (ctx instanceof SetMutationContext s) {
            return new Mutation(Mutation.Op.SET, path(s.path()), value(s.value()), spans.of(ctx));
        }
        if (ctx instanceof AddMutationContext a) {
            return new Mutation(Mutation.Op.ADD, path(a.path()), value(a.value()), spans.of(ctx));
        }
        if (ctx instanceof PalisadeParser.RemoveWhereMutationContext w) {
            return new Mutation(Mutation.Op.REMOVE, path(w.path()), null, w.var.getText(), spans.of(w.var), expr(w.expr()),
                    spans.of(ctx));
        }
        PalisadeParser.RemoveMutationContext r = (PalisadeParser.RemoveMutationContext) ctx;
        return new Mutation(Mutation.Op.REMOVE, path(r.path()), null, spans.of(ctx));
    }

    /** A mutation's value: an object or list literal of any values, or a value as conditions have them. */
    Term value(PalisadeParser.ValueContext ctx) {
        if (ctx.objectLit() != null) {
            PalisadeParser.ObjectLitContext o = ctx.objectLit();
            List<Term.ObjLit.Field> fields = new ArrayList<>();
            java.util.Set<String> keys = new java.util.HashSet<>();
            for (int i = 0; i < o.str().size(); i++) {
                String key = strings.apply(o.str(i));
                if (!keys.add(key)) {
                    diagnostics.add(Diagnostic.error(spans.of(o.str(i)), "key \"" + key + "\" appears twice in this object"));
                }
                fields.add(new Term.ObjLit.Field(key, spans.of(o.str(i)), value(o.value(i))));
            }
            return new Term.ObjLit(fields, spans.of(ctx));
        }
        if (ctx.arrayLit() != null) {
            return new Term.ListLit(ctx.arrayLit().value().stream().map(this::value).toList(), spans.of(ctx));
        }
        return sum(ctx.sum());
    }

    private Cond expr(ExprContext ctx) {
        Cond result = and(ctx.andExpr(0));
        for (int i = 1; i < ctx.andExpr().size(); i++) {
            rejectIf(ctx.orOp(i - 1).PIPES() != null, ctx.orOp(i - 1), "try 'or' instead");
            Cond right = and(ctx.andExpr(i));
            result = new Cond.Or(result, right, result.span().to(right.span()));
        }
        return result;
    }

    private Cond and(AndExprContext ctx) {
        Cond result = not(ctx.notExpr(0));
        for (int i = 1; i < ctx.notExpr().size(); i++) {
            rejectIf(ctx.andOp(i - 1).AMPS() != null, ctx.andOp(i - 1), "try 'and' instead");
            Cond right = not(ctx.notExpr(i));
            result = new Cond.And(result, right, result.span().to(right.span()));
        }
        return result;
    }

    private Cond not(NotExprContext ctx) {
        if (ctx.notOp() == null) {
            return primary(ctx.primary());
        }
        rejectIf(ctx.notOp().BANG() != null, ctx.notOp(), "try 'not' instead");
        Cond operand = not(ctx.notExpr());
        return new Cond.Not(operand, spans.of(ctx.notOp().getStart()).to(operand.span()));
    }

    private Cond primary(PrimaryContext ctx) {
        Span span = spans.of(ctx);
        if (ctx instanceof ParenthesizedContext paren) {
            return withSpan(expr(paren.expr()), span);
        }
        if (ctx instanceof QuantifiedContext q) {
            return new Cond.Quantified(q.quant.getType() == PalisadeParser.ALL, q.var.getText(), spans.of(q.var),
                    q.path().stream().map(this::path).toList(), not(q.notExpr()), span);
        }
        if (ctx instanceof AbsenceContext a) {
            return new Cond.Presence(pathOf(a.operand(), a.ABSENT().getText()), a.NOT() == null, span);
        }
        if (ctx instanceof ExistenceContext e) {
            return new Cond.Presence(pathOf(e.operand(), "exists"), false, span);
        }
        ComparisonContext cmp = (ComparisonContext) ctx;
        Term left = sum(cmp.sum(0));
        if (cmp.compOp() == null) {
            return new Cond.Truthy(left, span);
        }
        CmpOp op = operator(cmp.compOp());
        Term right = sum(cmp.sum(1));
        if (op == CmpOp.MATCHES && right instanceof Term.ListLit patterns && !patterns.elements().isEmpty()
                && patterns.elements().stream().allMatch(e -> e instanceof Term.Str)) {
            // 'x matches ["a*", "b*"]' is one comparison per pattern, joined with or
            Cond any = null;
            for (Term p : patterns.elements()) {
                Cond one = new Cond.Compare(left, op, spans.of(cmp.compOp()), p, span);
                any = any == null ? one : new Cond.Or(any, one, span);
            }
            return any;
        }
        return new Cond.Compare(left, op, spans.of(cmp.compOp()), right, span);
    }

    private ObjPath pathOf(OperandContext ctx, String keyword) {
        if (ctx instanceof AttributeOperandContext a) {
            return path(a.path());
        }
        diagnostics.add(Diagnostic.error(spans.of(ctx), "'" + keyword + "' applies to a path, not to a literal",
                "write e.g. object.spec.hostNetwork " + (keyword.equals("exists") ? "exists" : "is absent")));
        return new ObjPath("object", List.of(), spans.of(ctx));
    }

    private CmpOp operator(CompOpContext ctx) {
        return switch (ctx.getStart().getType()) {
            case PalisadeParser.EQ -> CmpOp.EQ;
            case PalisadeParser.NE -> CmpOp.NE;
            case PalisadeParser.LT -> CmpOp.LT;
            case PalisadeParser.LE -> CmpOp.LE;
            case PalisadeParser.GT -> CmpOp.GT;
            case PalisadeParser.GE -> CmpOp.GE;
            case PalisadeParser.IN -> CmpOp.IN;
            case PalisadeParser.NOT -> CmpOp.NOT_IN;
            case PalisadeParser.CONTAINS -> CmpOp.CONTAINS;
            case PalisadeParser.STARTS_WITH -> CmpOp.STARTS_WITH;
            case PalisadeParser.ENDS_WITH -> CmpOp.ENDS_WITH;
            case PalisadeParser.MATCHES -> CmpOp.MATCHES;
            default -> {
                rejectIf(true, ctx, "try '==' instead");
                yield CmpOp.EQ;
            }
        };
    }

    private Term term(OperandContext ctx) {
        Span span = spans.of(ctx);
        if (ctx instanceof PalisadeParser.CallOperandContext call) {
            String name = call.name.getText();
            return new Term.Call(name, dev.palisade.dsl.ast.AdmissionFunction.bySpelling(name).orElse(null), spans.of(call.name),
                    call.sum().stream().map(this::sum).toList(), span);
        }
        if (ctx instanceof StringOperandContext s) {
            return new Term.Str(strings.apply(s.str()), span);
        }
        if (ctx instanceof NumberOperandContext n) {
            return new Term.Num(new BigDecimal(n.NUMBER().getText()), span);
        }
        if (ctx instanceof ListOperandContext list) {
            List<Term> elements = new ArrayList<>();
            for (LiteralContext l : list.literal()) {
                elements.add(l.str() != null ? new Term.Str(strings.apply(l.str()), spans.of(l))
                        : new Term.Num(new BigDecimal(l.NUMBER().getText()), spans.of(l)));
            }
            return new Term.ListLit(elements, span);
        }
        if (ctx instanceof AttributeOperandContext a) {
            return new Term.PathRef(path(a.path()));
        }
        return new Term.Bool(ctx instanceof TrueOperandContext, span);
    }

    /** {@code "a/" + c.name}: one operand is that operand's term, more are a concatenation. */
    private Term sum(PalisadeParser.SumContext ctx) {
        if (ctx.operand().size() == 1) {
            return term(ctx.operand(0));
        }
        List<Term> parts = new ArrayList<>();
        for (OperandContext o : ctx.operand()) {
            Term part = term(o);
            if (part instanceof Term.ListLit || part instanceof Term.Bool) {
                diagnostics.add(Diagnostic.error(part.span(), "'+' joins strings, numbers and paths, not "
                        + (part instanceof Term.ListLit ? "a list" : "a boolean")));
            }
            parts.add(part);
        }
        return new Term.Concat(parts, spans.of(ctx));
    }

    /** {@code a.b["c.d"][0].e}: the IDENT and DOTTED tokens split at dots, brackets give one segment each. */
    private ObjPath path(PathContext ctx) {
        String[] head = ctx.IDENT().getText().split("\\.");
        List<Object> segments = new ArrayList<>(List.of(head).subList(1, head.length));
        for (int i = 1; i < ctx.getChildCount(); i++) {
            ParseTree child = ctx.getChild(i);
            if (child instanceof PalisadeParser.KeyContext k && k.str() != null) {
                segments.add(strings.apply(k.str()));
            } else if (child instanceof PalisadeParser.KeyContext k && k.NUMBER() != null) {
                segments.add(index(k.NUMBER()));
            } else if (child instanceof PalisadeParser.KeyContext k) {
                Term key = sum(k.sum());
                if (key instanceof Term.Str str) {
                    segments.add(str.value());
                } else if (key instanceof Term.Num n) {
                    segments.add(index(n));
                } else if (key instanceof Term.ListLit || key instanceof Term.Bool) {
                    diagnostics.add(Diagnostic.error(key.span(), "a key is a string or a list index"));
                } else {
                    segments.add(new ObjPath.Computed(key, spans.of(k)));
                }
            } else if (child instanceof TerminalNode t && t.getSymbol().getType() == PalisadeParser.DOTTED) {
                for (String part : t.getText().substring(1).split("\\.")) {
                    segments.add(part);
                }
            }
        }
        return new ObjPath(head[0], segments, spans.of(ctx));
    }

    private int index(Term.Num n) {
        if (n.value().signum() < 0 || n.value().scale() > 0 || n.value().compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            diagnostics.add(Diagnostic.error(n.span(), "a list index is a whole number from 0"));
            return 0;
        }
        return n.value().intValueExact();
    }

    private int index(TerminalNode t) {
        if (t.getText().startsWith("-")) {
            diagnostics.add(Diagnostic.error(spans.of(t.getSymbol()), "list index must not be negative",
                    "indexes count from 0 at the start of the list"));
            return 0;
        }
        try {
            return Integer.parseInt(t.getText());
        } catch (NumberFormatException e) {
            diagnostics.add(Diagnostic.error(spans.of(t.getSymbol()), "list index too large"));
            return 0;
        }
    }

    private Message message(StrContext ctx) {
        return MessageTemplate.parse(strings.apply(ctx), spans.of(ctx), diagnostics);
    }

    private void rejectIf(boolean bad, ParserRuleContext op, String help) {
        if (bad) {
            diagnostics.add(Diagnostic.error(spans.of(op), "'" + op.getText() + "' is not a valid operator", help));
        }
    }

    private static Cond withSpan(Cond c, Span span) {
        if (c instanceof Cond.And e) {
            return new Cond.And(e.left(), e.right(), span);
        }
        if (c instanceof Cond.Or e) {
            return new Cond.Or(e.left(), e.right(), span);
        }
        if (c instanceof Cond.Not e) {
            return new Cond.Not(e.operand(), span);
        }
        if (c instanceof Cond.Compare e) {
            return new Cond.Compare(e.left(), e.op(), e.opSpan(), e.right(), span);
        }
        if (c instanceof Cond.Presence e) {
            return new Cond.Presence(e.path(), e.absent(), span);
        }
        if (c instanceof Cond.Quantified e) {
            return new Cond.Quantified(e.all(), e.var(), e.varSpan(), e.lists(), e.body(), span);
        }
        return new Cond.Truthy(((Cond.Truthy) c).term(), span);
    }
}
