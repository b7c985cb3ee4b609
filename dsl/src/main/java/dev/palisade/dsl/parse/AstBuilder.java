package dev.palisade.dsl.parse;

import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.ast.Expr;
import dev.palisade.dsl.ast.ImportDecl;
import dev.palisade.dsl.ast.Operand;
import dev.palisade.dsl.ast.Operator;
import dev.palisade.dsl.ast.PackageDecl;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Rule;
import dev.palisade.dsl.ast.AdmissionRule;
import dev.palisade.dsl.ast.AuthnRule;
import dev.palisade.dsl.ast.Message;
import dev.palisade.dsl.parse.PalisadeParser.AuthnDeclContext;
import dev.palisade.dsl.parse.PalisadeParser.AbsenceContext;
import dev.palisade.dsl.parse.PalisadeParser.AdmissionDeclContext;
import dev.palisade.dsl.parse.PalisadeParser.AndExprContext;
import dev.palisade.dsl.parse.PalisadeParser.ExistenceContext;
import dev.palisade.dsl.parse.PalisadeParser.LiteralContext;
import dev.palisade.dsl.parse.PalisadeParser.NumberOperandContext;
import dev.palisade.dsl.parse.PalisadeParser.PathContext;
import dev.palisade.dsl.parse.PalisadeParser.QuantifiedContext;
import dev.palisade.dsl.parse.PalisadeParser.AttributeOperandContext;
import dev.palisade.dsl.parse.PalisadeParser.CompOpContext;
import dev.palisade.dsl.parse.PalisadeParser.ComparisonContext;
import dev.palisade.dsl.parse.PalisadeParser.ExprContext;
import dev.palisade.dsl.parse.PalisadeParser.ImportDeclContext;
import dev.palisade.dsl.parse.PalisadeParser.ListOperandContext;
import dev.palisade.dsl.parse.PalisadeParser.NotExprContext;
import dev.palisade.dsl.parse.PalisadeParser.OperandContext;
import dev.palisade.dsl.parse.PalisadeParser.ParenthesizedContext;
import dev.palisade.dsl.parse.PalisadeParser.PolicyFileContext;
import dev.palisade.dsl.parse.PalisadeParser.PrimaryContext;
import dev.palisade.dsl.parse.PalisadeParser.RuleDeclContext;
import dev.palisade.dsl.parse.PalisadeParser.StrContext;
import dev.palisade.dsl.parse.PalisadeParser.StringOperandContext;
import dev.palisade.dsl.parse.PalisadeParser.TrueOperandContext;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.SourceFile;
import dev.palisade.dsl.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * Builds the immutable AST from the parse tree. Declarations that contain a syntax error are left
 * out, and so are rules in which this builder finds an error (bad escape, '=' for '==', ...): the
 * AST only ever holds rules that are complete and well formed, so later passes need no null checks.
 */
final class AstBuilder {
    private final SourceFile source;
    private final Spans spans;
    private final Set<Integer> errorTokens;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    AstBuilder(SourceFile source, Spans spans, Set<Integer> errorTokens) {
        this.source = source;
        this.spans = spans;
        this.errorTokens = errorTokens;
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    PolicyFile build(PolicyFileContext ctx) {
        PackageDecl packageDecl = null;
        if (ctx.packageDecl() != null && isClean(ctx.packageDecl())) {
            packageDecl = new PackageDecl(ctx.packageDecl().IDENT().getText(), spans.of(ctx.packageDecl()));
        }
        List<ImportDecl> imports = new ArrayList<>();
        for (ImportDeclContext decl : ctx.importDecl()) {
            if (isClean(decl)) {
                int before = diagnostics.size();
                String path = string(decl.str());
                if (diagnostics.size() == before) {
                    imports.add(new ImportDecl(path, spans.of(decl)));
                }
            }
        }
        List<Rule> rules = new ArrayList<>();
        for (RuleDeclContext decl : ctx.ruleDecl()) {
            if (isClean(decl)) {
                int before = diagnostics.size();
                Rule rule = rule(decl);
                if (diagnostics.size() == before) {
                    rules.add(rule);
                }
            }
        }
        AdmissionAstBuilder admission = new AdmissionAstBuilder(spans, diagnostics, this::string);
        List<AdmissionRule> admissionRules = new ArrayList<>();
        for (AdmissionDeclContext decl : ctx.admissionDecl()) {
            if (isClean(decl)) {
                int before = diagnostics.size();
                AdmissionRule rule = admission.rule(decl);
                if (diagnostics.size() == before) {
                    admissionRules.add(rule);
                }
            }
        }
        List<AuthnRule> authnRules = new ArrayList<>();
        for (AuthnDeclContext decl : ctx.authnDecl()) {
            if (isClean(decl)) {
                int before = diagnostics.size();
                AuthnRule rule = authnRule(decl);
                if (diagnostics.size() == before) {
                    authnRules.add(rule);
                }
            }
        }
        List<dev.palisade.dsl.ast.ParamDecl> params = new ArrayList<>();
        for (PalisadeParser.ParamDeclContext decl : ctx.paramDecl()) {
            if (isClean(decl)) {
                String words = String.join(" ", decl.typeWords.stream().map(Token::getText).toList());
                var type = dev.palisade.dsl.ast.ParamDecl.Type.bySpelling(words);
                if (type.isEmpty()) {
                    diagnostics.add(Diagnostic.error(spans.of(decl.typeWords.get(0)).to(spans.of(decl.typeWords.get(decl.typeWords.size() - 1))),
                            "unknown parameter type '" + words + "'",
                            "types are string, number, boolean, list of string and list of number"));
                }
                params.add(new dev.palisade.dsl.ast.ParamDecl(decl.name.getText(), spans.of(decl.name), type.orElse(null),
                        decl.value() == null ? null : admission.value(decl.value()), spans.of(decl)));
            }
        }
        return new PolicyFile(source, packageDecl, imports, rules, admissionRules, authnRules, params);
    }

    /** Conditions are built exactly as for authorization rules; only the checker's attribute set differs. */
    private AuthnRule authnRule(AuthnDeclContext ctx) {
        Expr condition = ctx.expr() == null ? null : expr(ctx.expr());
        Message because = ctx.because == null ? null
                : MessageTemplate.parse(string(ctx.because), spans.of(ctx.because), diagnostics);
        return new AuthnRule(string(ctx.name), spans.of(ctx.name), condition, because, spans.of(ctx));
    }

    private Rule rule(RuleDeclContext ctx) {
        Effect effect = ctx.effect.getType() == PalisadeParser.ALLOW ? Effect.ALLOW : Effect.DENY;
        Expr condition = ctx.expr() == null ? null : expr(ctx.expr());
        Message because = ctx.because == null ? null
                : MessageTemplate.parse(string(ctx.because), spans.of(ctx.because), diagnostics);
        return new Rule(effect, string(ctx.name), spans.of(ctx.name), condition, because, spans.of(ctx));
    }

    private Expr expr(ExprContext ctx) {
        Expr result = and(ctx.andExpr(0));
        for (int i = 1; i < ctx.andExpr().size(); i++) {
            rejectIf(ctx.orOp(i - 1).PIPES() != null, ctx.orOp(i - 1), "try 'or' instead");
            Expr right = and(ctx.andExpr(i));
            result = new Expr.Or(result, right, result.span().to(right.span()));
        }
        return result;
    }

    private Expr and(AndExprContext ctx) {
        Expr result = not(ctx.notExpr(0));
        for (int i = 1; i < ctx.notExpr().size(); i++) {
            rejectIf(ctx.andOp(i - 1).AMPS() != null, ctx.andOp(i - 1), "try 'and' instead");
            Expr right = not(ctx.notExpr(i));
            result = new Expr.And(result, right, result.span().to(right.span()));
        }
        return result;
    }

    private Expr not(NotExprContext ctx) {
        if (ctx.notOp() == null) {
            return primary(ctx.primary());
        }
        rejectIf(ctx.notOp().BANG() != null, ctx.notOp(), "try 'not' instead");
        Expr operand = not(ctx.notExpr());
        return new Expr.Not(operand, spans.of(ctx.notOp().getStart()).to(operand.span()));
    }

    private Expr primary(PrimaryContext ctx) {
        if (ctx instanceof ParenthesizedContext paren) {
            // No node for parentheses; widen the inner node so its span covers them.
            return withSpan(expr(paren.expr()), spans.of(paren));
        }
        if (ctx instanceof ExistenceContext || ctx instanceof AbsenceContext) {
            return presence(ctx);
        }
        if (ctx instanceof QuantifiedContext) {
            diagnostics.add(Diagnostic.error(spans.of(ctx), "'" + ctx.getChild(ctx instanceof QuantifiedContext ? 0 : 1)
                    .getText() + "' is only allowed in admission rules", "authorization rules test request attributes"));
            return new Expr.Test(new Operand.Bool(false, spans.of(ctx)), spans.of(ctx));
        }
        ComparisonContext cmp = (ComparisonContext) ctx;
        Operand left = sum(cmp.sum(0));
        if (cmp.compOp() == null) {
            return new Expr.Test(left, left.span());
        }
        Operator op = operator(cmp.compOp());
        Operand right = sum(cmp.sum(1));
        if (op == Operator.MATCHES && right instanceof Operand.StrList patterns && !patterns.elements().isEmpty()) {
            // 'x matches ["a*", "b*"]' is one comparison per pattern, joined with or
            Expr any = null;
            for (Operand.Str p : patterns.elements()) {
                Expr one = new Expr.Comparison(left, op, spans.of(cmp.compOp()), p, left.span().to(right.span()));
                any = any == null ? one : new Expr.Or(any, one, left.span().to(right.span()));
            }
            return any;
        }
        return new Expr.Comparison(left, op, spans.of(cmp.compOp()), right, left.span().to(right.span()));
    }

    /**
     * {@code attr exists} / {@code attr is absent} on a string attribute: absent request attributes
     * are "" (the AuthzInput contract), so these are {@code attr != ""} and {@code attr == ""}.
     * List attributes have no absent form here: their membership tests say what is meant.
     */
    private Expr presence(PrimaryContext ctx) {
        boolean exists = ctx instanceof ExistenceContext;
        OperandContext operandCtx = exists ? ((ExistenceContext) ctx).operand() : ((AbsenceContext) ctx).operand();
        boolean negatedAbsence = !exists && ((AbsenceContext) ctx).NOT() != null;
        Operand operand = operand(operandCtx);
        Span span = spans.of(ctx);
        if (!(operand instanceof Operand.Attribute a)) {
            diagnostics.add(Diagnostic.error(operand.span(), "'" + (exists ? "exists" : "is absent") + "' tests an attribute",
                    "e.g. user.serviceAccount.namespace exists"));
            return new Expr.Test(new Operand.Bool(false, span), span);
        }
        if (dev.palisade.dsl.schema.AuthzAttribute.byName(a.name())
                .map(x -> x.type() == dev.palisade.dsl.schema.ValueType.STRING_LIST).orElse(false)) {
            diagnostics.add(Diagnostic.error(span, "'" + (exists ? "exists" : "is absent") + "' tests a string attribute, and "
                    + a.name() + " is a list", "test its members: \"g\" in user.groups"));
            return new Expr.Test(new Operand.Bool(false, span), span);
        }
        boolean present = exists || negatedAbsence;
        Span opSpan = spans.of(exists ? ((ExistenceContext) ctx).EXISTS().getSymbol() : ((AbsenceContext) ctx).IS().getSymbol());
        return new Expr.Comparison(a, present ? Operator.NE : Operator.EQ, opSpan, new Operand.Str("", opSpan), span);
    }

    private Operator operator(CompOpContext ctx) {
        return switch (ctx.getStart().getType()) {
            case PalisadeParser.EQ -> Operator.EQ;
            case PalisadeParser.NE -> Operator.NE;
            case PalisadeParser.IN -> Operator.IN;
            case PalisadeParser.NOT -> Operator.NOT_IN;
            case PalisadeParser.CONTAINS -> Operator.CONTAINS;
            case PalisadeParser.STARTS_WITH -> Operator.STARTS_WITH;
            case PalisadeParser.ENDS_WITH -> Operator.ENDS_WITH;
            case PalisadeParser.MATCHES -> Operator.MATCHES;
            case PalisadeParser.LT, PalisadeParser.LE, PalisadeParser.GT, PalisadeParser.GE -> {
                diagnostics.add(Diagnostic.error(spans.of(ctx), "'" + ctx.getText()
                        + "' is only allowed in admission rules", "authorization attributes are strings"));
                yield Operator.EQ;
            }
            default -> {
                rejectIf(true, ctx, "try '==' instead");
                yield Operator.EQ;
            }
        };
    }

    /** {@code a + b + c}: one operand, or their {@link Operand.Concat} (a string computed on the request). */
    private Operand sum(PalisadeParser.SumContext ctx) {
        if (ctx.operand().size() == 1) {
            return operand(ctx.operand(0));
        }
        List<Operand> parts = new ArrayList<>();
        for (OperandContext part : ctx.operand()) {
            parts.add(operand(part));
        }
        return new Operand.Concat(parts, spans.of(ctx));
    }

    private Operand operand(OperandContext ctx) {
        Span span = spans.of(ctx);
        if (ctx instanceof PalisadeParser.CallOperandContext call) {
            List<Operand> args = new ArrayList<>();
            for (PalisadeParser.SumContext arg : call.sum()) {
                args.add(sum(arg));
            }
            String name = call.name.getText();
            return new Operand.Call(name, dev.palisade.dsl.ast.AdmissionFunction.bySpelling(name).orElse(null),
                    spans.of(call.name), args, span);
        }
        if (ctx instanceof StringOperandContext s) {
            return new Operand.Str(string(s.str()), span);
        }
        if (ctx instanceof ListOperandContext list) {
            List<Operand.Str> elements = new ArrayList<>();
            for (LiteralContext element : list.literal()) {
                if (element.str() == null) {
                    numberOutsideAdmission(element);
                    continue;
                }
                elements.add(new Operand.Str(string(element.str()), spans.of(element)));
            }
            return new Operand.StrList(elements, span);
        }
        if (ctx instanceof NumberOperandContext number) {
            numberOutsideAdmission(number);
            return new Operand.Str("", span);
        }
        if (ctx instanceof AttributeOperandContext attribute) {
            PathContext path = attribute.path();
            // authorization attributes are a name with at most one string key: user.extra["k"]
            if (path.LBRACK().size() > 1 || !path.DOTTED().isEmpty() || path.key().stream().anyMatch(k -> k.str() == null)) {
                diagnostics.add(Diagnostic.error(span, "paths into objects are only allowed in admission rules",
                        "authorization attributes take at most one key, as in user.extra[\"key\"]"));
                return new Operand.Attribute(path.IDENT().getText(), null, span);
            }
            String key = path.key().isEmpty() ? null : string(path.key(0).str());
            return new Operand.Attribute(path.IDENT().getText(), key, span);
        }
        return new Operand.Bool(ctx instanceof TrueOperandContext, span);
    }

    private void numberOutsideAdmission(ParserRuleContext ctx) {
        diagnostics.add(Diagnostic.error(spans.of(ctx), "numbers are only allowed in admission rules",
                "authorization attributes are strings; try \"" + ctx.getText() + "\""));
    }

    /** The value of a string literal; reports unterminated, single-quoted and badly escaped ones. */
    String string(StrContext ctx) {
        Token token = ctx.getStart();
        String text = token.getText();
        switch (token.getType()) {
            case PalisadeParser.UNTERMINATED_STRING -> {
                diagnostics.add(Diagnostic.error(spans.of(token), "unterminated string", "close the string with '\"'"));
                return "";
            }
            case PalisadeParser.SINGLE_QUOTED -> {
                String body = text.substring(1, text.length() - 1);
                diagnostics.add(Diagnostic.error(spans.of(token), "strings use double quotes",
                        "try \"" + body.replace("\\", "\\\\").replace("\"", "\\\"") + "\" instead"));
                return "";
            }
            default -> {
                return StringLiteral.decode(text, source, token.getLine(), spans.column(token), diagnostics);
            }
        }
    }

    private void rejectIf(boolean bad, ParserRuleContext op, String help) {
        if (bad) {
            diagnostics.add(Diagnostic.error(spans.of(op), "'" + op.getText() + "' is not a valid operator", help));
        }
    }

    private static Expr withSpan(Expr expr, Span span) {
        if (expr instanceof Expr.And e) {
            return new Expr.And(e.left(), e.right(), span);
        }
        if (expr instanceof Expr.Or e) {
            return new Expr.Or(e.left(), e.right(), span);
        }
        if (expr instanceof Expr.Not e) {
            return new Expr.Not(e.operand(), span);
        }
        if (expr instanceof Expr.Comparison e) {
            return new Expr.Comparison(e.left(), e.op(), e.opSpan(), e.right(), span);
        }
        return new Expr.Test(((Expr.Test) expr).operand(), span);
    }

    /**
     * True when no syntax error was reported inside the declaration or at the token right after it
     * (junk after a complete-looking rule usually means the rule itself is unfinished), and ANTLR
     * did not repair it by inserting or deleting tokens.
     */
    private boolean isClean(ParserRuleContext decl) {
        // An error at the first token ('allow', 'import', ...) is about what came before: these
        // keywords are never deleted in recovery, so the declaration itself began cleanly.
        int from = decl.getStart().getTokenIndex() + 1;
        int to = decl.getStop() == null ? from : decl.getStop().getTokenIndex() + 1;
        for (int index : errorTokens) {
            if (index >= from && index <= to) {
                return false;
            }
        }
        return isWellFormed(decl);
    }

    private static boolean isWellFormed(ParseTree tree) {
        if (tree instanceof ErrorNode) {
            return false;
        }
        if (tree instanceof ParserRuleContext ctx && ctx.exception != null) {
            return false;
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            if (!isWellFormed(tree.getChild(i))) {
                return false;
            }
        }
        return true;
    }
}
