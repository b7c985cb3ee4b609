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

    @Test
    void resourceIndex_decidesAsTheScan() {
        List<String> entries = List.of("pods", "pods/log", "*/scale", "deployments/scale", "", "/x", "a/b/c",
                "pods/a/b", "*", "services/proxy", "nodes", "secrets", "configmaps");
        List<String> resources = List.of("pods", "deployments", "a", "a/b", "", "services", "nodes", "x", "*",
                "Pods", "secrets");
        List<String> subresources = List.of("", "log", "scale", "b/c", "c", "x", "proxy", "a/b", "status");
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        // every window of 5+ consecutive entries (the index is used past 4), with and without "*"
        for (int from = 0; from < entries.size(); from++) {
            for (int to = from + 5; to <= entries.size(); to++) {
                PolicyRule rule = new PolicyRule(List.of("get"), List.of(""), entries.subList(from, to), null, null);
                ResourceIndex index = new ResourceIndex(rule.resources());
                for (String resource : resources) {
                    for (String subresource : subresources) {
                        checked++;
                        boolean expected = RuleMatcher.resourceMatches(rule, resource, subresource);
                        if (index.matches(rule, resource, subresource) != expected) {
                            mismatches.add(rule.resources() + " " + resource + "/" + subresource + ": expected " + expected);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches, "of " + checked);
    }
}
