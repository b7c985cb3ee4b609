package dev.palisade.dsl.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.model.DrlWriter;
import dev.palisade.dsl.runtime.ModelDump;
import dev.palisade.dsl.runtime.PolicyProgram;
import dev.palisade.dsl.runtime.PolicyResult;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text from policies and requests is data: it never reaches the DRL and it behaves as a plain
 * string however much it looks like DRL, Java or MVEL.
 */
class InjectionTest {
    static final List<String> EVIL = List.of(
            "\"",
            "\\",
            "\\u0022",
            "end",
            "then",
            "a\nend\nrule \"pwn\" when then System.exit(1); end\n",
            "// rest of line",
            "/* open comment",
            "$r.matched(0);",
            "#{System.exit(1)}",
            "${java.lang.Runtime.getRuntime().exec(\"id\")}",
            "\" + System.exit(1) + \"",
            "rule when then end import package global query declare eval not exists in contains",
            "'single' \t tab",
            "x\"); System.exit(1); (\"",
            "\u0000nul and \u2028 line separator");

    private static PolicyProgram program;

    /** A DSL string literal with the given value. */
    static String lit(String value) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** One allow rule per evil string i: named, guarded and explained by evil text. */
    static String policy(List<String> strings) {
        StringBuilder p = new StringBuilder("package evil\n");
        for (int i = 0; i < strings.size(); i++) {
            String s = strings.get(i);
            p.append("allow ").append(lit("allow " + s)).append(" when user.name == ").append(lit(s))
             .append(" because ").append(lit(braces("because " + s))).append('\n');
            // each deny test carries the rule's index, so that one evil string containing another
            // cannot trip the other's rule
            String tag = "#" + i + ":";
            p.append("deny ").append(lit("deny " + s)).append(" when namespace startsWith ").append(lit(tag + s))
             .append(" or name matches ").append(lit("?" + globQuote(tag + s) + "*")).append(" or ").append(lit(tag + s))
             .append(" in user.groups or path contains ").append(lit("/" + tag + s + "/"))
             .append(" because ").append(lit(braces(s))).append('\n');
        }
        return p.toString();
    }

    /** Message text with its braces doubled: a message's {@code {...}} would otherwise name an attribute. */
    static String braces(String s) {
        return s.replace("{", "{{").replace("}", "}}");
    }

    /** A glob matching exactly {@code s}: every character escaped. */
    static String globQuote(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> b.append('\\').appendCodePoint(c));
        return b.toString();
    }

    @BeforeAll
    static void build() {
        program = Policies.build(policy(EVIL));
    }

    static IntStream indexes() {
        return IntStream.range(0, EVIL.size());
    }

    @Test
    void drlIsTheSameAsForHarmlessText() {
        List<String> harmless = IntStream.range(0, EVIL.size()).mapToObj(i -> "plain" + i).toList();
        assertEquals(DrlWriter.drl(Policies.compile(policy(harmless)).plan()), DrlWriter.drl(Policies.compile(policy(EVIL)).plan()));
    }

    /** What is built (rules, patterns, constraint ids read back from the KieBase) does not depend on policy text. */
    @Test
    void builtModelIsTheSameAsForHarmlessText() {
        List<String> harmless = IntStream.range(0, EVIL.size()).mapToObj(i -> "plain" + i).toList();
        assertEquals(ModelDump.of(Policies.build(policy(harmless))), ModelDump.of(program));
    }

    @Test
    void everyDrlLineHasAGeneratedShape() {
        Pattern allowed = Pattern.compile(
                "|package dev\\.palisade\\.generated;|import dev\\.palisade\\.dsl\\.runtime\\.[A-Za-z]+;"
                + "|rule \"r\\d+_\\d+\"|when|then|end|    \\$r\\.matched\\(\\d+\\);"
                + "|    (\\$r : |exists |not )[A-Za-z]+\\( ?[A-Za-z0-9_$:=!,() ]* ?\\)");
        for (String line : DrlWriter.drl(Policies.compile(policy(EVIL)).plan()).split("\n", -1)) {
            assertTrue(allowed.matcher(line).matches(), () -> "unexpected DRL line: " + line);
        }
    }

    @ParameterizedTest
    @MethodSource("indexes")
    void policyTextIsPlainData(int i) {
        String s = EVIL.get(i);
        PolicyResult allowed = program.evaluate(TestRequest.of().user(s));
        assertEquals(Effect.ALLOW, allowed.effect(), s);
        assertEquals(List.of("evil/allow " + s), allowed.matched().stream().map(RuleInfo::id).toList());
        assertEquals("because " + s, allowed.matched().get(0).message());

        assertEquals(null, program.evaluate(TestRequest.of().user(s + " ")).effect(), s);
        assertEquals(null, program.evaluate(TestRequest.of().namespace(s).name(s).groups(s).path(s)).effect(), s);

        String tag = "#" + i + ":";
        for (TestRequest denied : List.of(TestRequest.of().namespace(tag + s + "!x"), TestRequest.of().name("<" + tag + s + ">"),
                TestRequest.of().groups("x", tag + s), TestRequest.of().path("a/" + tag + s + "/b"))) {
            PolicyResult r = program.evaluate(denied.user(s));
            assertEquals(Effect.DENY, r.effect(), () -> "for " + denied);
            assertEquals(List.of("evil/deny " + s), r.matched().stream().map(RuleInfo::id).toList());
            assertEquals(s, r.matched().get(0).message());
        }
    }

    /** Computed operands ({@code +}, functions): rule i builds its namespace from evil text and the user's name. */
    static String computedPolicy(List<String> strings) {
        StringBuilder p = new StringBuilder("package evil\n");
        for (int i = 0; i < strings.size(); i++) {
            String s = strings.get(i);
            p.append("allow \"c").append(i).append("\" when namespace == ").append(lit("#" + i + ":")).append(" + user.name + ")
             .append(lit("/" + s)).append(" and lower(user.name) == ").append(lit(s.toLowerCase(java.util.Locale.ROOT)))
             .append(" and not regex(name, ").append(lit(java.util.regex.Pattern.quote(s))).append(")\n");
        }
        return p.toString();
    }

    @Test
    void computedOperands_modelIsTheSameAsForHarmlessText_andTheTextIsPlainData() {
        List<String> harmless = IntStream.range(0, EVIL.size()).mapToObj(i -> "plain" + i).toList();
        PolicyProgram evil = Policies.build(computedPolicy(EVIL));
        assertEquals(ModelDump.of(Policies.build(computedPolicy(harmless))), ModelDump.of(evil));
        for (int i = 0; i < EVIL.size(); i++) {
            String s = EVIL.get(i);
            PolicyResult r = evil.evaluate(TestRequest.of().user(s).namespace("#" + i + ":" + s + "/" + s).name("n"));
            assertEquals(List.of("evil/c" + i), r.matched().stream().map(RuleInfo::id).toList(), s);
            assertEquals(null, evil.evaluate(TestRequest.of().user(s).namespace("#" + i + ":" + s + "/" + s).name(s)).effect(),
                    "the regex quotes the evil text as a literal: " + s);
        }
    }

    @ParameterizedTest
    @MethodSource("indexes")
    void requestTextIsPlainData(int i) {
        String s = EVIL.get(i) + "-not-in-policy";
        TestRequest r = TestRequest.of().user(s).namespace(s).verb(s).resource(s).groups(s, s).extra("k", s).name(s).path(s);
        assertEquals(null, program.evaluate(r).effect());
    }

    @Test
    void equalUnknownRequestStringsAreEqualAndOthersAreNot() {
        PolicyProgram p = Policies.build("allow \"same\" when namespace == user.name");
        for (String s : EVIL) {
            String unknown = s + "\u00a0";
            assertEquals(Effect.ALLOW, p.evaluate(TestRequest.of().user(unknown).namespace(unknown)).effect(), s);
            assertEquals(null, p.evaluate(TestRequest.of().user(unknown).namespace(unknown + "x")).effect(), s);
        }
    }
}
