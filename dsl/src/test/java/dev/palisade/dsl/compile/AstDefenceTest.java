package dev.palisade.dsl.compile;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.ast.Expr;
import dev.palisade.dsl.ast.Operand;
import dev.palisade.dsl.ast.Operator;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Rule;
import dev.palisade.dsl.source.SourceFile;
import dev.palisade.dsl.source.Span;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ASTs the checker would reject are refused, never compiled into something that matches. */
class AstDefenceTest {
    private static final SourceFile SRC = new SourceFile("hand.pal", "x");
    private static final Span AT = Span.point(SRC, 1, 1);

    private static Operand attr(String name) {
        return new Operand.Attribute(name, null, AT);
    }

    private static Operand str(String s) {
        return new Operand.Str(s, AT);
    }

    private static Expr cmp(Operand l, Operator op, Operand r) {
        return new Expr.Comparison(l, op, AT, r, AT);
    }

    private static Operand call(String name, Operand... args) {
        return new Operand.Call(name, dev.palisade.dsl.ast.AdmissionFunction.bySpelling(name).orElse(null), AT, List.of(args), AT);
    }

    private static Operand concat(Operand... parts) {
        return new Operand.Concat(List.of(parts), AT);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("unknown attribute", cmp(attr("user.nmae"), Operator.EQ, str("a"))),
                Arguments.of("extra without key", cmp(str("a"), Operator.IN, attr("user.extra"))),
                Arguments.of("key on scalar", cmp(new Operand.Attribute("verb", "k", AT), Operator.EQ, str("a"))),
                Arguments.of("list equals string", cmp(attr("user.groups"), Operator.EQ, str("a"))),
                Arguments.of("string equals bool", cmp(attr("verb"), Operator.EQ, new Operand.Bool(true, AT))),
                Arguments.of("in a string", cmp(attr("verb"), Operator.IN, str("get"))),
                Arguments.of("matches an attribute", cmp(attr("name"), Operator.MATCHES, attr("namespace"))),
                Arguments.of("startsWith on bool", cmp(attr("resourceRequest"), Operator.STARTS_WITH, str("t"))),
                Arguments.of("string as condition", new Expr.Test(attr("verb"), AT)),
                Arguments.of("list in list", cmp(attr("user.groups"), Operator.IN, new Operand.StrList(List.of(new Operand.Str("a", AT)), AT))),
                Arguments.of("null operator", new Expr.Comparison(attr("verb"), null, AT, str("a"), AT)),
                // computed operands (checked by the checker's computed-operand and type passes)
                Arguments.of("lower of a list", cmp(call("lower", attr("user.groups")), Operator.EQ, str("a"))),
                Arguments.of("a boolean joined", cmp(attr("verb"), Operator.EQ, concat(str("a"), new Operand.Bool(true, AT)))),
                Arguments.of("regex with an attribute pattern", new Expr.Test(call("regex", attr("name"), attr("verb")), AT)),
                Arguments.of("count on request attributes", cmp(call("count", attr("user.groups")), Operator.EQ, str("1"))),
                Arguments.of("unknown function", cmp(call("nope", attr("verb")), Operator.EQ, str("a"))),
                Arguments.of("lower with two arguments", cmp(call("lower", attr("verb"), attr("name")), Operator.EQ, str("a"))),
                Arguments.of("a built string as condition", new Expr.Test(concat(str("a"), attr("verb")), AT)),
                Arguments.of("matches a built pattern", cmp(attr("name"), Operator.MATCHES, concat(str("a"), attr("verb")))),
                Arguments.of("a built string equals a list", cmp(concat(str("a"), attr("verb")), Operator.EQ,
                        new Operand.StrList(List.of(new Operand.Str("a", AT)), AT))),
                Arguments.of("unknown attribute inside a call", cmp(call("upper", attr("user.nmae")), Operator.EQ, str("A"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refused(String name, Expr condition) {
        Rule rule = new Rule(Effect.ALLOW, "r", AT, condition, null, AT);
        PolicyFile file = new PolicyFile(SRC, null, List.of(), List.of(rule));
        assertThrows(IllegalArgumentException.class, () -> PolicyCompiler.compile(List.of(file)));
    }

    @org.junit.jupiter.api.Test
    void duplicateIdsRefused() {
        Rule rule = new Rule(Effect.ALLOW, "r", AT, null, null, AT);
        PolicyFile file = new PolicyFile(SRC, null, List.of(), List.of(rule, rule));
        assertThrows(IllegalArgumentException.class, () -> PolicyCompiler.compile(List.of(file)));
    }
}
