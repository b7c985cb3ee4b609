package dev.palisade.dsl.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.dsl.listing.AllowRuleLister.Subject;
import dev.palisade.dsl.parse.ParseResult;
import dev.palisade.dsl.parse.PolicyParser;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One allow rule, the user "ann" (groups dev, system:authenticated) in namespace "team-a", and the
 * RBAC-shaped rules listed for it, rendered {@code verbs|apiGroups|resources|resourceNames} or
 * {@code verbs|urls} — or the reason it is left unlisted.
 */
class AllowRuleListerTest {
    private static final Subject ANN = new Subject("ann", "", List.of("dev", "system:authenticated"),
            Map.of("scopes", List.of("ci")), "team-a");

    static Stream<Arguments> cases() {
        return Stream.of(
                listed("equality on verb and resource", "verb == \"get\" and resource == \"pods\"", "get|*|pods,pods/*|"),
                listed("memberships and group", "verb in [\"get\", \"list\"] and resource == \"pods\" and apiGroup == \"\" and \"dev\" in user.groups",
                        "get,list||pods,pods/*|"),
                unlisted("a negated membership", "not (verb in [\"delete\"]) and resource == \"pods\"", "a negated test of verb"),
                listed("subresource named", "resource == \"pods\" and subresource == \"log\" and verb == \"get\"", "get|*|pods/log|"),
                listed("a name", "verb == \"get\" and resource == \"configmaps\" and name == \"settings\"", "get|*|configmaps,configmaps/*|settings"),
                listed("user-built name", "verb == \"get\" and resource == \"secrets\" and name == user.name", "get|*|secrets,secrets/*|ann"),
                listed("everything for the group", "\"dev\" in user.groups", "*|*|*|", "*|*"),
                listed("own namespace only, here", "namespace == \"team-a\" and verb == \"list\"", "list|*|*|", "list|*"),
                listed("non-resource path glob", "not resourceRequest and path matches \"/healthz*\" and verb == \"get\"", "get|/healthz*"),
                listed("or gives two rules", "resource == \"pods\" or resource == \"services\" and verb == \"get\"",
                        "*|*|pods,pods/*|", "get|*|services,services/*|"),
                listed("extra key", "\"ci\" in user.extra[\"scopes\"] and verb == \"watch\" and resource == \"jobs\"", "watch|*|jobs,jobs/*|"),
                listed("conflicting equalities list nothing", "verb == \"get\" and verb == \"list\""),
                listed("another user lists nothing", "user.name == \"bob\""),
                listed("another namespace lists nothing", "namespace == \"prod\" and verb == \"get\""),
                listed("negated user test that holds", "not (user.name startsWith \"system:\") and verb == \"get\" and resource == \"pods\"",
                        "get|*|pods,pods/*|"),
                unlisted("negated verb", "verb != \"delete\" and resource == \"pods\"", "'!=' on verb"),
                unlisted("prefix of a resource", "resource startsWith \"pod\"", "'startsWith' on resource"),
                unlisted("apiVersion cannot be said", "apiVersion == \"v1\"", "apiVersion cannot be expressed in an RBAC rule"),
                unlisted("two request attributes", "name == resource", "two request attributes compared"),
                listed("namespace built from the user: decided", "lower(\"Team-\") + user.name == namespace + \"nn\" and verb == \"get\"", "get|*|*|", "get|*"),
                listed("namespace built from the user: another user", "namespace == \"team-b\" + user.name and verb == \"get\""),
                listed("name built from the user", "verb == \"get\" and resource == \"secrets\" and name == user.name + \"-token\"",
                        "get|*|secrets,secrets/*|ann-token"),
                unlisted("a computed test of the request", "verb == \"get\" and lower(resource) == \"pods\"", "a computed test of the request"),
                unlisted("a regex on the request", "verb == \"get\" and regex(name, \"^a\")", "the test at"));
    }

    private static Arguments listed(String name, String condition, String... rules) {
        return Arguments.of(Named.of(name, condition), List.of(rules), null);
    }

    private static Arguments unlisted(String name, String condition, String why) {
        return Arguments.of(Named.of(name, condition), List.of(), why);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void allowRule_listsExactlyWhatRbacCanSay(String condition, List<String> expected, String why) {
        Listing listing = lister("package t\nallow \"r\" when " + condition + "\n").list(ANN);
        assertEquals(expected, listing.rules().stream().map(AllowRuleListerTest::render).toList());
        if (why == null) {
            assertEquals(List.of(), listing.unlisted());
        } else {
            assertEquals(1, listing.unlisted().size(), listing.unlisted().toString());
            String u = listing.unlisted().get(0);
            assertEquals(true, u.startsWith("t/r (t.pal:2:1): " + why), u);
        }
    }

    @Test
    void denyRulesThatCanApplyAreCounted_soTheListingIsIncomplete() {
        Listing listing = lister("""
                package t
                allow "read" when verb == "get"
                deny "no-secrets" when resource == "secrets" and "dev" in user.groups
                deny "not-ann" when user.name == "bob"
                """).list(ANN);
        assertEquals(1, listing.denyRules());
        assertEquals(false, listing.complete());
    }

    private static AllowRuleLister lister(String text) {
        ParseResult parsed = PolicyParser.parse("t.pal", text);
        assertEquals(List.of(), parsed.diagnostics());
        return new AllowRuleLister(List.of(parsed.file()));
    }

    private static String render(ListedRule r) {
        return r.resourceRule()
                ? String.join(",", r.verbs()) + "|" + String.join(",", r.apiGroups()) + "|" + String.join(",", r.resources())
                        + "|" + String.join(",", r.resourceNames())
                : String.join(",", r.verbs()) + "|" + String.join(",", r.nonResourceURLs());
    }
}
