package dev.palisade.dsl.compile;

import static dev.palisade.dsl.compile.InjectionTest.EVIL;
import static dev.palisade.dsl.compile.InjectionTest.globQuote;
import static dev.palisade.dsl.compile.InjectionTest.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.authn.AuthnInput;
import dev.palisade.dsl.authn.AuthnProgram;
import dev.palisade.dsl.authn.Rejection;
import dev.palisade.dsl.check.PolicyChecker;
import dev.palisade.dsl.model.DrlWriter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Authn rules get the same guarantee as authorization rules ({@link InjectionTest}): names,
 * messages, literals and user values that look like DRL, Java or MVEL are plain data, and the
 * DRL does not depend on them at all. Message holes are filled in Java and never evaluated.
 */
class AuthnInjectionTest {
    private static AuthnProgram program;

    /** Per evil string i: a reject on the user name, one on groups/authenticator/extra, both explained by evil text. */
    static String policy(List<String> strings) {
        StringBuilder p = new StringBuilder("package evil\n");
        for (int i = 0; i < strings.size(); i++) {
            String s = strings.get(i);
            String tag = "#" + i + ":";
            p.append("reject ").append(lit("name " + s)).append(" when user.name == ").append(lit(s))
             .append(" and authn.method == ").append(lit(tag + s))
             .append(" because ").append(lit("{user.name} " + braces(s))).append('\n');
            p.append("reject ").append(lit("other " + s)).append(" when ").append(lit(tag + s)).append(" in user.groups")
             .append(" or authn.authenticator startsWith ").append(lit(tag + s))
             .append(" or user.uid matches ").append(lit("?" + globQuote(tag + s) + "*"))
             .append(" or user.extra[").append(lit(s)).append("] contains ").append(lit(tag + s))
             .append(" because ").append(lit(braces(s))).append('\n');
        }
        return p.toString();
    }

    /** Braces of evil text doubled, so that they are literal in a message template. */
    private static String braces(String s) {
        return s.replace("{", "{{").replace("}", "}}");
    }

    @BeforeAll
    static void build() {
        program = compile(EVIL).build();
    }

    private static CompiledAuthnSet compile(List<String> strings) {
        var files = Policies.parse(policy(strings));
        assertEquals(List.of(), PolicyChecker.check(files));
        return AuthnCompiler.compile(files);
    }

    static IntStream indexes() {
        return IntStream.range(0, EVIL.size());
    }

    @Test
    void drlIsTheSameAsForHarmlessText() {
        List<String> harmless = IntStream.range(0, EVIL.size()).mapToObj(i -> "plain" + i).toList();
        assertEquals(DrlWriter.drl(compile(harmless).policySet().plan()), DrlWriter.drl(compile(EVIL).policySet().plan()));
    }

    @Test
    void everyDrlLineHasAGeneratedShape() {
        Pattern allowed = Pattern.compile(
                "|package dev\\.palisade\\.generated;|import dev\\.palisade\\.dsl\\.runtime\\.[A-Za-z]+;"
                + "|rule \"r\\d+_\\d+\"|when|then|end|    \\$r\\.matched\\(\\d+\\);"
                + "|    (\\$r : |exists |not )[A-Za-z]+\\( ?[A-Za-z0-9_$:=!,() ]* ?\\)");
        for (String line : DrlWriter.drl(compile(EVIL).policySet().plan()).split("\n", -1)) {
            assertTrue(allowed.matcher(line).matches(), () -> "unexpected DRL line: " + line);
        }
    }

    @ParameterizedTest
    @MethodSource("indexes")
    void policyTextIsPlainData(int i) {
        String s = EVIL.get(i);
        String tag = "#" + i + ":";
        List<Rejection> byName = program.judge(new AuthnInput(s, "", List.of(), Map.of(), tag + s, "a"));
        assertEquals(List.of("evil/name " + s), byName.stream().map(Rejection::ruleId).toList());
        assertEquals(s + " " + s, byName.get(0).message());

        assertEquals(List.of(), program.judge(new AuthnInput(s + " ", "", List.of(), Map.of(), tag + s, "a")));
        for (AuthnInput other : List.of(
                new AuthnInput("u", "", List.of("x", tag + s), Map.of(), "token", "a"),
                new AuthnInput("u", "", List.of(), Map.of(), "token", tag + s + "!"),
                new AuthnInput("u", "<" + tag + s + ">", List.of(), Map.of(), "token", "a"),
                new AuthnInput("u", "", List.of(), Map.of(s, List.of("a", tag + s)), "token", "a"))) {
            List<Rejection> r = program.judge(other);
            assertEquals(List.of("evil/other " + s), r.stream().map(Rejection::ruleId).toList(), () -> "for " + other);
            assertEquals(s, r.get(0).message());
        }
    }

    @ParameterizedTest
    @MethodSource("indexes")
    void userTextIsPlainData(int i) {
        String s = EVIL.get(i) + "-not-in-policy";
        AuthnInput evil = new AuthnInput(s, s, List.of(s, s), Map.of(s, List.of(s)), s, s);
        assertEquals(List.of(), program.judge(evil));
    }
}
