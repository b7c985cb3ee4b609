package dev.palisade.dsl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.parse.PolicyParser;
import dev.palisade.dsl.source.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyCheckerTest {

    @Test
    void passNames_runInDocumentedOrder() {
        assertEquals(List.of("rule-names", "duplicate-ids", "attributes", "types", "computed-operands", "glob-patterns", "known-verbs", "admission", "params", "schema", "brace-in-string", "authn"),
                PolicyChecker.passNames());
    }

    @Test
    void check_duplicateIdAcrossFiles_reportsBothPlaces() {
        PolicyFile a = parse("a.pal", "package p\nallow \"x\"");
        PolicyFile b = parse("b.pal", "package p\n\ndeny \"x\" when verb == \"get\"");

        List<Diagnostic> errors = PolicyChecker.check(List.of(b, a));

        assertEquals(List.of("a.pal:2:7: duplicate rule id 'p/x' | also defined at b.pal:3:6",
                        "b.pal:3:6: duplicate rule id 'p/x' | also defined at a.pal:2:7"),
                errors.stream().map(d -> d + " | " + d.help()).toList());
    }

    @Test
    void d2_authorizationMessageHoles_nameRequestAttributes() {
        PolicyFile ok = parse("a.pal", "deny \"x\" when verb == \"get\" because \"{user.name} may not {verb} {resource} ({user.extra[\\\"scopes\\\"]})\"");
        assertEquals(List.of(), PolicyChecker.check(List.of(ok)));

        PolicyFile bad = parse("b.pal", "deny \"x\" when verb == \"get\" because \"{user.nmae} and {object.spec} and {user.extra}\"");
        assertEquals(List.of(
                        "b.pal:1:37: unknown attribute 'user.nmae' in message",
                        "b.pal:1:37: unknown attribute 'object.spec' in message",
                        "b.pal:1:37: 'user.extra' is not a value of an authorization attribute"),
                PolicyChecker.check(List.of(bad)).stream().map(Diagnostic::toString).toList());
    }

    @Test
    void check_sameNameInDifferentPackages_isFine() {
        PolicyFile a = parse("a.pal", "package p\nallow \"x\"");
        PolicyFile b = parse("b.pal", "package q\nallow \"x\"\nallow \"p/x\"");

        assertEquals(List.of(), PolicyChecker.check(List.of(a, b)));
    }

    @Test
    void check_idWithoutPackage_isJustTheName() {
        PolicyFile a = parse("a.pal", "allow \"x\"\ndeny \"x\"");

        List<Diagnostic> errors = PolicyChecker.check(List.of(a));

        assertEquals("duplicate rule id 'x'", errors.get(0).message());
    }

    @Test
    void check_emptyAndBlankNames_areErrorsButOddCharactersAreNot() {
        PolicyFile a = parse("a.pal", "allow \"\"\ndeny \" \"\nallow \"a'b\\\"c; drop\\n{}$\"");

        List<Diagnostic> errors = PolicyChecker.check(List.of(a));

        assertEquals(List.of("a.pal:1:7: rule name must not be empty", "a.pal:2:6: rule name must not be empty"),
                errors.stream().map(Diagnostic::toString).toList());
    }

    @Test
    void check_errorsOfSeveralFiles_areSortedByFileThenPosition() {
        PolicyFile b = parse("b.pal", "allow \"b\" when verb\nallow \"c\" when user.nmae == \"x\"");
        PolicyFile a = parse("a.pal", "allow \"a\" when \"x\" == \"y\"");

        List<Diagnostic> errors = PolicyChecker.check(List.of(b, a));

        assertEquals(List.of("a.pal:1:16", "b.pal:1:16", "b.pal:2:16"),
                errors.stream().map(d -> d.span().location()).toList());
    }

    @Test
    void check_unknownAttribute_isNotAlsoATypeError() {
        PolicyFile a = parse("a.pal", "allow \"a\" when user.nmae in \"x\"");

        assertEquals(1, PolicyChecker.check(List.of(a)).size());
    }

    private static PolicyFile parse(String path, String text) {
        return PolicyParser.parse(path, text).orThrow();
    }
}
