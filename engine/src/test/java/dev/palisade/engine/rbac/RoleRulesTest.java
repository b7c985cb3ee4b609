package dev.palisade.engine.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verb bits decide exactly as the string comparison of RuleAllows, for every verb and rule shape. */
class RoleRulesTest {
    private static final List<List<String>> VERB_LISTS = List.of(
            List.of(), List.of("*"), List.of("get"), List.of("get", "list", "watch"), List.of("frobnicate"),
            List.of("get", "frobnicate"), List.of("GET"), List.of(""), List.of("*", "get"), List.of("deletecollection"),
            List.of("impersonate", "bind", "escalate"));
    private static final List<String> VERBS = List.of("get", "list", "watch", "create", "frobnicate", "twiddle",
            "GET", "", "*", "deletecollection", "impersonate", "escalate", "head");

    private static PolicyRule rule(List<String> verbs) {
        return new PolicyRule(verbs, List.of(""), List.of("pods"), null, null);
    }

    @Test
    void verbBits_decideAsRuleAllows() {
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (List<String> a : VERB_LISTS) {
            for (List<String> b : VERB_LISTS) {
                PolicyRule[] rules = a.equals(b) ? new PolicyRule[] {rule(a)} : new PolicyRule[] {rule(a), rule(b)};
                RoleRules role = new RoleRules(rules);
                for (String verb : VERBS) {
                    for (String resource : List.of("pods", "secrets")) {
                        RequestAttributes r = RequestAttributes.resource(new UserInfo("u", "", List.of(), Map.of()),
                                verb, "ns", "", resource, "", "");
                        boolean expected = false;
                        for (PolicyRule p : rules) {
                            expected |= RuleMatcher.ruleAllows(p, r);
                        }
                        checked++;
                        if (role.allows(r, RoleRules.verbBit(verb)) != expected) {
                            mismatches.add(a + " " + b + " " + verb + " " + resource + ": expected " + expected);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches, "of " + checked);
    }
}
