package dev.palisade.dsl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.dsl.parse.ParseResult;
import dev.palisade.dsl.parse.PolicyParser;
import dev.palisade.dsl.source.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Errors that say where the other half of the problem is (issue 14, found 9). */
class DiagnosticPlacesTest {
    private static List<Diagnostic> check(String text) {
        ParseResult parsed = PolicyParser.parse("t.pal", text);
        assertEquals(List.of(), parsed.diagnostics());
        return PolicyChecker.check(List.of(parsed.file()));
    }

    @Test
    void duplicateAdmissionId_saysWhereTheFirstIs() {
        List<Diagnostic> d = check("validate \"r\" on CREATE pods when name == \"a\"\nvalidate \"r\" on CREATE pods when name == \"b\"\n");
        assertEquals(1, d.size(), d::toString);
        assertEquals("t.pal:2:10", d.get(0).span().location());
        assertEquals("first defined at t.pal:1:10; rule ids are package/name and must be unique in the policy set", d.get(0).help());
    }

    @Test
    void duplicateAuthnId_saysWhereTheFirstIs() {
        List<Diagnostic> d = check("allow \"r\" when verb == \"get\"\nreject \"r\" when user.name == \"x\"\n");
        assertEquals(1, d.size(), d::toString);
        assertEquals("first defined at t.pal:1:7; rule ids are package/name and must be unique in the policy set", d.get(0).help());
    }

    @Test
    void variableOutOfItsQuantifier_isNamedAsSuch_notAsATypo() {
        List<Diagnostic> d = check("""
                validate "r" on CREATE pods
                  for each c in object.spec.containers
                  when any p in c.ports: p.hostPort > 0 and p.containerPort < 1024
                """);
        assertEquals(1, d.size(), d::toString);
        assertEquals("t.pal:3:45 'p' is not in scope here: it is bound by the 'any' at t.pal:3:12",
                d.get(0).span().location() + " " + d.get(0).message());
    }

    @Test
    void allVariableInAMessage_hasNoSingleValue() {
        List<Diagnostic> d = check("""
                validate "r" on CREATE pods
                  when all c in object.spec.containers: c.name startsWith "a"
                  because "{c.name}"
                """);
        assertEquals(1, d.size(), d::toString);
        assertEquals("'c' is bound by an 'all' (or inside one): it has no single value to show", d.get(0).message());
    }
}
