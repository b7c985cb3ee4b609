package dev.palisade.dsl.parse;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.SourceFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;

/**
 * Parses one policy file into an AST. The only entry point of this package: the ANTLR-generated
 * classes stay package-private in use, and callers see only the AST and {@link Diagnostic}s.
 * Every syntax error of the file is reported, not just the first.
 */
public final class PolicyParser {
    private static final Comparator<Diagnostic> BY_POSITION = Comparator
            .comparingInt((Diagnostic d) -> d.span().line())
            .thenComparingInt(d -> d.span().column());

    private PolicyParser() {}

    public static ParseResult parse(SourceFile file) {
        return parse(file, ParseLimits.DEFAULTS);
    }

    /** Parses with the given bounds on rule size, list length and nesting. */
    public static ParseResult parse(SourceFile file, ParseLimits limits) {
        Spans spans = new Spans(file);
        ErrorStrategy strategy = new ErrorStrategy();
        SyntaxErrorListener listener = new SyntaxErrorListener(spans, strategy);
        PalisadeLexer lexer = new PalisadeLexer(CharStreams.fromString(file.text(), file.path()));
        lexer.removeErrorListeners(); // the default one prints to stderr
        lexer.addErrorListener(listener);
        PalisadeParser parser = new BoundedParser(new CommonTokenStream(lexer), limits.maxNesting(), limits.maxRuleTerms(),
                limits.maxListElements());
        parser.setErrorHandler(strategy);
        parser.removeErrorListeners();
        parser.addErrorListener(listener);
        try {
            AstBuilder builder = new AstBuilder(file, spans, listener.errorTokens());
            PolicyFile ast = builder.build(parser.policyFile());
            List<Diagnostic> diagnostics = new ArrayList<>(listener.diagnostics());
            diagnostics.addAll(builder.diagnostics());
            diagnostics.sort(BY_POSITION);
            return new ParseResult(ast, diagnostics);
        } catch (BoundedParser.LimitExceeded e) {
            // Stop at the limit: what was parsed so far is reported with it, nothing is built.
            List<Diagnostic> diagnostics = new ArrayList<>(listener.diagnostics());
            diagnostics.add(Diagnostic.error(spans.of(e.token), e.getMessage(), e.help));
            diagnostics.sort(BY_POSITION);
            return new ParseResult(null, diagnostics);
        }
    }

    /** Convenience for tests and tools: parses {@code text} reported under {@code path}. */
    public static ParseResult parse(String path, String text) {
        return parse(new SourceFile(path, text));
    }
}
