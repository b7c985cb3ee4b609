package dev.palisade.dsl.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.model.DrlWriter;
import dev.palisade.dsl.source.PolicyException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** DNF normalisation as seen in the generated DRL (no KieBase build needed). */
class DnfTest {
    private static int droolsRules(String drl) {
        Matcher m = Pattern.compile("(?m)^rule ").matcher(drl);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String drl(String condition) {
        return DrlWriter.drl(Policies.compile("allow \"x\" when " + condition).plan());
    }

    @Test
    void orBecomesOneDroolsRulePerAlternative() {
        assertEquals(3, droolsRules(drl("verb == \"a\" or verb == \"b\" or resource == \"c\"")));
    }

    @Test
    void andDistributesOverOr() {
        assertEquals(4, droolsRules(drl("(verb == \"a\" or verb == \"b\") and (resource == \"c\" or name == \"d\")")));
    }

    @Test
    void negationIsPushedToTheLiterals() {
        String drl = drl("not (\"g\" in user.groups or verb == \"a\")");
        assertEquals(1, droolsRules(drl));
        assertTrue(drl.contains("!hasGroup(0)"), drl);
        assertTrue(drl.contains("verbSym != 1"), drl);
    }

    @Test
    void contradictoryAlternativesAreDropped() {
        String drl = drl("verb == \"a\" and (verb != \"a\" or resource == \"r\")");
        assertEquals(1, droolsRules(drl));
        assertFalse(drl.contains("!="), drl);
    }

    @Test
    void alwaysFalseRuleEmitsNoDroolsRule() {
        assertEquals(0, droolsRules(drl("\"a\" == \"b\"")));
        assertEquals(0, droolsRules(drl("verb in []")));
    }

    @Test
    void membershipIsAHashedEqualityNotContains() {
        String drl = drl("\"readers\" in user.groups and user.extra[\"k\"] contains \"v\"");
        assertTrue(drl.contains("hasGroup(0)"), drl); // a bit set of the request's known groups, no scan
        assertTrue(drl.contains("hasExtra(1, 2)"), drl);
        assertFalse(drl.contains("contains"), drl);
        assertFalse(drl.contains("memberOf"), drl);
    }

    @Test
    void blowUpBeyondTheCapIsAPositionedError() {
        // 7 independent two-way ors in a conjunction: 2^7 = 128 alternatives > 64
        StringBuilder cond = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            cond.append(i == 0 ? "" : " and ").append("(verb == \"a").append(i).append("\" or name == \"b").append(i).append("\")");
        }
        PolicyException e = assertThrows(PolicyException.class,
                () -> Policies.compile("package p\nallow \"big\" when " + cond));
        assertTrue(e.getMessage().contains("p0.pal:2:1"), e.getMessage());
        assertTrue(e.getMessage().contains("more than 64 alternatives"), e.getMessage());
    }

    @Test
    void sixtyFourAlternativesAreFine() {
        StringBuilder cond = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            cond.append(i == 0 ? "" : " and ").append("(verb == \"a").append(i).append("\" or name == \"b").append(i).append("\")");
        }
        assertEquals(64, droolsRules(drl(cond.toString())));
    }
}
