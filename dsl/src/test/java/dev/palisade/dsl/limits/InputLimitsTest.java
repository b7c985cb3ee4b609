package dev.palisade.dsl.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.admission.AdmissionCompiler;
import dev.palisade.dsl.admission.AdmissionInput;
import dev.palisade.dsl.admission.AdmissionProgram;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.check.PolicyChecker;
import dev.palisade.dsl.compile.AuthnCompiler;
import dev.palisade.dsl.compile.PolicyCompiler;
import dev.palisade.dsl.parse.ParseResult;
import dev.palisade.dsl.parse.PolicyParser;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.SourceLimits;
import dev.palisade.dsl.source.PolicyException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Defects D8 (deep and long conditions overflowed the stack) and D17 (long list literals were
 * quadratic): every limit of {@link Limits} is a positioned error, and everything within the
 * limits parses, checks and compiles without recursion per term.
 */
class InputLimitsTest {
    private static final String HEAD = "allow \"x\" when ";

    private static String chain(int n, String connective, IntFunction<String> term) {
        return IntStream.range(0, n).mapToObj(term).collect(Collectors.joining(" " + connective + " "));
    }

    private static Diagnostic onlyError(ParseResult r) {
        assertEquals(1, r.diagnostics().size(), () -> r.diagnostics().toString());
        return r.diagnostics().get(0);
    }

    private static PolicyFile clean(String text) {
        ParseResult r = PolicyParser.parse("p.pal", text);
        assertEquals(List.of(), r.diagnostics());
        // synthetic verbs ("v0") draw known-verbs warnings; only errors would stop a compile
        assertEquals(List.of(), PolicyChecker.check(List.of(r.file())).stream().filter(Diagnostic::isError).toList());
        return r.file();
    }

    @Test
    void d8_twentyThousandAndTerms_isAPositionedErrorNotAStackOverflow() {
        String text = HEAD + chain(20_000, "and", i -> "user.name != \"u" + i + "\"");
        Diagnostic d = onlyError(PolicyParser.parse("p.pal", text));
        assertEquals("condition has more than " + SourceLimits.MAX_RULE_TERMS + " terms", d.message());
        assertEquals(1, d.span().line());
        // the first term past the limit
        int column = text.indexOf("user.name != \"u" + SourceLimits.MAX_RULE_TERMS + "\"") + 1;
        assertEquals(column, d.span().column());
    }

    @Test
    void d8_twentyThousandOrTermsInAdmissionRule_isAPositionedError() {
        String text = "validate \"v\" on CREATE pods deny when "
                + chain(20_000, "or", i -> "object.metadata.name == \"n" + i + "\"");
        Diagnostic d = onlyError(PolicyParser.parse("p.pal", text));
        assertTrue(d.message().startsWith("condition has more than"), d.message());
    }

    @Test
    void d8_longestAndChain_checkCompileAndBuildOnASmallStack() {
        // Run on a small stack: a walk that recursed per term would overflow it.
        runOnSmallStack(() -> {
            PolicyFile file = clean(HEAD + chain(SourceLimits.MAX_RULE_TERMS, "and", i -> "user.name != \"u" + i + "\""));
            assertEquals(1, PolicyCompiler.compile(List.of(file)).build().rules().size());
        });
    }

    @Test
    void d8_aLongLeftDeepChainBuiltInCode_lowersWithoutRecursion() {
        // The parser bounds terms; the lowering must not rely on it (an AST can be built in code).
        dev.palisade.dsl.ast.Expr e = null;
        for (int i = 0; i < 5_000; i++) { // a recursive walk overflows the small stack at this depth
            var leaf = new dev.palisade.dsl.ast.Expr.Comparison(
                    new dev.palisade.dsl.ast.Operand.Attribute("user.name", null, SPAN), dev.palisade.dsl.ast.Operator.NE,
                    SPAN, new dev.palisade.dsl.ast.Operand.Str("u" + i, SPAN), SPAN);
            e = e == null ? leaf : new dev.palisade.dsl.ast.Expr.And(e, leaf, SPAN);
        }
        dev.palisade.dsl.ast.Expr condition = e;
        runOnStack(128 * 1024, () -> assertEquals(1, PolicyCompiler.compile(List.of(fileWith(condition))).rules().size()));
    }

    @Test
    void d8_longestAndChainInAuthnRule_compilesAndBuilds() {
        runOnSmallStack(() -> {
            PolicyFile file = clean("reject \"r\" when " + chain(SourceLimits.MAX_RULE_TERMS, "and",
                    i -> "user.name != \"u" + i + "\""));
            assertEquals(1, AuthnCompiler.compile(List.of(file)).build().rules().size());
        });
    }

    @Test
    void d8_longAdmissionChains_checkCompileAndEvaluate() {
        String text = "validate \"v\" on CREATE pods deny when "
                + chain(SourceLimits.MAX_RULE_TERMS / 2, "and", i -> "object.metadata.name != \"n" + i + "\"")
                + " and any c in object.spec.containers: ("
                + chain(SourceLimits.MAX_RULE_TERMS / 2 - 2, "or", i -> "c.name == \"c" + i + "\"") + ")";
        runOnSmallStack(() -> {
            AdmissionProgram program = AdmissionCompiler.compile(List.of(clean(text))).build();
            Map<String, Object> pod = Map.of("metadata", Map.of("name", "p"),
                    "spec", Map.of("containers", List.of(Map.of("name", "c" + (SourceLimits.MAX_RULE_TERMS / 2 - 3)))));
            AdmissionInput input = new AdmissionInput("CREATE", "pods", "", "", "default", "p", "alice", "",
                    List.of(), false, pod, null, Map.of());
            assertEquals(1, program.evaluate(input).violations().size());
        });
    }

    @Test
    void d8_longOrChain_isAPositionedCompileErrorNotAStackTrace() {
        PolicyFile file = clean(HEAD + chain(SourceLimits.MAX_RULE_TERMS / 2, "or", i -> "user.name == \"u" + i + "\" and verb == \"get\""));
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyCompiler.compile(List.of(file)));
        Diagnostic d = e.diagnostics().get(0);
        assertEquals("p.pal:1:1", d.span().location());
        assertTrue(d.message().contains("more than " + SourceLimits.MAX_DNF_TERMS + " alternatives"), d.message());
    }

    @Test
    void d8_dnfBlowUp_isRefusedBeforeItExhaustsMemory() {
        // 2^40 alternatives if expanded
        String text = HEAD + chain(40, "and", i -> "(user.name == \"a" + i + "\" or verb == \"v" + i + "\")");
        PolicyFile file = clean(text);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            PolicyException e = assertThrows(PolicyException.class, () -> PolicyCompiler.compile(List.of(file)));
            assertTrue(e.diagnostics().get(0).message().contains("alternatives"));
        });
        String admission = "validate \"v\" on CREATE pods deny when "
                + chain(40, "and", i -> "(namespace == \"a" + i + "\" or object.metadata.name == \"v" + i + "\")");
        PolicyFile admissionFile = clean(admission);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            PolicyException e = assertThrows(PolicyException.class,
                    () -> AdmissionCompiler.compile(List.of(admissionFile)));
            assertEquals("p.pal:1:1", e.diagnostics().get(0).span().location());
        });
    }

    @Test
    void d8_nestingDeeperThanTheLimit_isAPositionedError() {
        int n = SourceLimits.MAX_NESTING_DEPTH;
        assertFalse(PolicyParser.parse("p.pal", HEAD + "(".repeat(n) + "verb == \"get\"" + ")".repeat(n)).hasErrors());
        for (String text : List.of(
                HEAD + "(".repeat(n + 1) + "verb == \"get\"" + ")".repeat(n + 1),
                HEAD + "(".repeat(100_000) + "verb == \"get\"",
                HEAD + "not ".repeat(200_000) + "verb == \"get\"",
                "validate \"v\" on CREATE pods deny when " + "any c in object.spec.containers: ".repeat(n + 5)
                        + "c.name == \"x\"")) {
            Diagnostic d = onlyError(PolicyParser.parse("p.pal", text));
            assertEquals("condition is nested deeper than " + n + " levels", d.message());
            assertEquals(1, d.span().line());
            assertTrue(d.span().column() > HEAD.length() && d.span().column() <= text.length(), d.toString());
        }
    }

    @Test
    void d8_deepNestingIsRefusedOnASmallThreadStackToo() {
        runOnSmallStack(() -> {
            String text = HEAD + "(".repeat(SourceLimits.MAX_NESTING_DEPTH) + "verb == \"get\"" + ")".repeat(SourceLimits.MAX_NESTING_DEPTH);
            assertNotNull(clean(text));
        });
    }

    @Test
    void d17_hundredThousandElementList_parsesInLinearTime() {
        String list = IntStream.range(0, SourceLimits.MAX_LIST_ELEMENTS).mapToObj(i -> "\"u" + i + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
        // Was 44 s (quadratic); linear takes about a second. The bound is generous so it cannot flake.
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            PolicyFile file = clean(HEAD + "user.name in " + list);
            assertEquals(1, PolicyCompiler.compile(List.of(file)).rules().size());
        });
    }

    @Test
    void d17_listLongerThanTheLimit_isAPositionedError() {
        String text = HEAD + "user.name in " + IntStream.range(0, SourceLimits.MAX_LIST_ELEMENTS + 1)
                .mapToObj(i -> "\"u" + i + "\"").collect(Collectors.joining(", ", "[", "]"));
        Diagnostic d = onlyError(PolicyParser.parse("p.pal", text));
        assertEquals("list has more than " + SourceLimits.MAX_LIST_ELEMENTS + " elements", d.message());
        assertEquals(text.indexOf("\"u" + SourceLimits.MAX_LIST_ELEMENTS + "\"") + 1, d.span().column());
    }

    @Test
    void d17_columnsAfterAstralCharactersCountUtf16Units() {
        // "😀" is one code point (ANTLR's count) but two UTF-16 units (the column SourceFile renders)
        String text = "allow \"😀\" when verb = \"get\"";
        Diagnostic d = PolicyParser.parse("p.pal", text).diagnostics().get(0);
        assertEquals(text.indexOf(" = ") + 2, d.span().column(), d.toString());
    }

    private static final dev.palisade.dsl.source.SourceFile FILE = new dev.palisade.dsl.source.SourceFile("p.pal", "x");
    private static final dev.palisade.dsl.source.Span SPAN = dev.palisade.dsl.source.Span.point(FILE, 1, 1);

    private static PolicyFile fileWith(dev.palisade.dsl.ast.Expr condition) {
        var rule = new dev.palisade.dsl.ast.Rule(dev.palisade.dsl.ast.Effect.ALLOW, "x", SPAN, condition, null, SPAN);
        return new PolicyFile(FILE, null, List.of(), List.of(rule), List.of(), List.of());
    }

    private static void runOnSmallStack(Runnable body) {
        runOnStack(512 * 1024, body);
    }

    private static void runOnStack(long stackBytes, Runnable body) {
        Throwable[] failure = {null};
        Thread t = new Thread(null, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "small-stack", stackBytes);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (failure[0] instanceof Error err) {
            throw err;
        }
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }
}
