package dev.palisade.dsl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.dsl.ast.AdmissionFunction;
import dev.palisade.dsl.parse.ParseResult;
import dev.palisade.dsl.parse.PolicyParser;
import dev.palisade.dsl.source.Diagnostic;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conditions and the checker's verdict: {@code "ok"}, or the only error as
 * {@code col message} (all on line 1, after {@code allow "r" when }) plus its help line.
 */
class CheckerTableTest {
    private static final String PREFIX = "allow \"r\" when ";

    static Stream<Arguments> cases() {
        return Stream.of(
                // well typed
                ok("string equality", "user.name == \"alex\""),
                ok("bool equality", "resourceRequest != false"),
                ok("string in literal list", "verb in [\"get\", \"list\"]"),
                ok("literal in list attribute", "\"admins\" in user.groups"),
                ok("attribute in extra", "user.name not in user.extra[\"aliases\"]"),
                ok("list contains string", "user.groups contains \"dev\""),
                ok("substring", "path contains \"/logs\""),
                ok("startsWith on list attribute", "user.groups startsWith \"team-\""),
                ok("glob with escapes", "path matches \"/a\\\\*b?\""),
                ok("boolean test", "not resourceRequest"),
                ok("boolean literal test", "true"),
                ok("attribute with attribute", "namespace == user.name"),
                // verbs: a warning, since custom resources may add verbs
                warn("misspelt verb", "verb == \"craete\"", "24 unknown verb 'craete'",
                        "did you mean 'create'? (a custom resource may define its own verbs)"),
                warn("misspelt verb in a list", "verb in [\"get\", \"lsit\"]", "32 unknown verb 'lsit'",
                        "did you mean 'list'? (a custom resource may define its own verbs)"),
                warn("verb on the right", "\"wacth\" != verb", "16 unknown verb 'wacth'",
                        "did you mean 'watch'? (a custom resource may define its own verbs)"),
                ok("wildcard verb", "verb == \"*\""),
                // a hole in a condition's string is literal text (issue 14, found 1)
                warn("hole in a condition string", "user.name startsWith \"system:serviceaccount:{namespace}:\"",
                        "37 '{namespace}' in a condition's string is literal text",
                        "holes are filled in 'because' messages only; compare with the attribute itself, e.g. namespace == user.serviceAccount.namespace"),
                warn("hole in a list element", "name in [\"a\", \"{user.name}-x\"]", "30 '{user.name}' in a condition's string is literal text",
                        "holes are filled in 'because' messages only; compare with the attribute itself, e.g. namespace == user.serviceAccount.namespace"),
                ok("a brace that is no hole", "name == \"{}\" or name == \"{ x }\""),
                // service-account attributes and presence (issue 14, found 1)
                ok("service account namespace against the request's", "namespace != user.serviceAccount.namespace"),
                ok("service account name", "user.serviceAccount.name == \"builder\""),
                ok("presence of a string attribute", "user.serviceAccount.namespace exists and namespace is not absent"),
                ok("non-resource verb", "verb in [\"post\", \"head\", \"options\"]"),
                ok("other attribute with a verb-like value", "name == \"craete\""),
                // attributes
                bad("misspelt attribute", "user.nmae == \"a\"", "16 unknown attribute 'user.nmae'", "did you mean 'user.name'?"),
                bad("case slip", "resourcerequest", "16 unknown attribute 'resourcerequest'", "did you mean 'resourceRequest'?"),
                bad("unquoted string", "verb == get", "24 unknown attribute 'get'", "text values are written in double quotes: \"get\""),
                bad("unknown, no suggestion", "object.spec == \"x\"", "16 unknown attribute 'object.spec'",
                        "known attributes are user.name, user.uid, user.groups, user.extra, verb, namespace, apiGroup, "
                        + "apiVersion, resource, subresource, name, path, resourceRequest, user.serviceAccount.namespace, user.serviceAccount.name"),
                bad("extra without key", "user.extra contains \"a\"", "16 attribute 'user.extra' needs a key",
                        "write it as user.extra[\"key\"]"),
                bad("key on plain attribute", "verb[\"x\"] == \"get\"", "16 attribute 'verb' does not take a key",
                        "write it as verb"),
                // equality
                bad("list equals string", "user.groups == \"x\"", "28 cannot compare a list of strings with a string using '=='",
                        "try '\"x\" in user.groups'"),
                bad("list not-equals string", "\"x\" != user.groups", "20 cannot compare a string with a list of strings using '!='",
                        "try '\"x\" not in user.groups'"),
                bad("string equals literal list", "verb == [\"get\", \"list\"]",
                        "21 cannot compare a string with a list of strings using '=='", "try 'verb in [\"get\", \"list\"]'"),
                bad("list equals list", "user.groups == user.extra[\"g\"]",
                        "28 cannot compare a list of strings with a list of strings using '=='",
                        "lists cannot be compared; test single values with 'in' or 'contains'"),
                bad("bool equals quoted bool", "resourceRequest == \"true\"",
                        "32 cannot compare a boolean with a string using '=='", "try 'resourceRequest == true' without quotes"),
                bad("string equals bool", "verb == true", "21 cannot compare a string with a boolean using '=='", null),
                // in
                bad("in a string", "\"adm\" in user.name", "25 right side of 'in' must be a list of strings, not a string",
                        "use '==' to compare two strings, or 'contains' for a substring"),
                bad("not in a string", "verb not in \"get\"", "28 right side of 'not in' must be a list of strings, not a string",
                        "use '!=' to compare two strings, or 'contains' for a substring"),
                bad("list in string", "user.groups in \"dev\"", "16 left side of 'in' must be a string, not a list of strings",
                        "try 'user.groups contains \"dev\"'"),
                bad("bool in list", "resourceRequest in [\"a\"]", "16 left side of 'in' must be a string, not a boolean", null),
                // contains
                bad("contains a list", "\"dev\" contains user.groups",
                        "31 right side of 'contains' must be a string, not a list of strings", "try '\"dev\" in user.groups'"),
                bad("bool contains", "resourceRequest contains \"a\"",
                        "16 left side of 'contains' must be a string or a list of strings, not a boolean", null),
                // patterns
                ok("prefix from an attribute (a computed test)", "path startsWith namespace"),
                ok("prefix built with +", "path startsWith \"/logs/\" + user.name"),
                bad("glob from attribute", "path matches namespace",
                        "29 right side of 'matches' must be a string literal, not an attribute",
                        "the pattern must be known when the policy is compiled"),
                bad("glob built with +", "path matches \"/a\" + namespace",
                        "29 right side of 'matches' must be a string literal, not a computed string",
                        "the pattern must be known when the policy is compiled"),
                ok("list of patterns (any of them)", "path matches [\"/a*\", \"/b*\"]"),
                bad("list of prefixes", "path startsWith [\"/a\", \"/b\"]",
                        "32 right side of 'startsWith' must be a string, not a list of strings",
                        "write one comparison per pattern, joined with 'or'"),
                bad("bool endsWith", "resourceRequest endsWith \"x\"",
                        "16 left side of 'endsWith' must be a string or a list of strings, not a boolean", null),
                bad("trailing backslash in glob", "path matches \"/a\\\\\"", "29 pattern ends with a lone '\\'",
                        "to match a backslash, escape it in the pattern: write \"\\\\\\\\\""),
                // literals and tests
                bad("two literals", "\"a\" == \"a\"", "16 comparison of two literals is always true or always false", null),
                bad("literal list against literal", "\"a\" in [\"a\"]", "16 comparison of two literals is always true or always false", null),
                bad("string attribute as condition", "verb", "16 condition must be a boolean, but 'verb' is a string",
                        "compare it, e.g. 'verb == \"...\"'"),
                bad("list attribute as condition", "user.groups", "16 condition must be a boolean, but 'user.groups' is a list of strings",
                        "test membership, e.g. '\"...\" in user.groups'"),
                bad("string literal as condition", "\"yes\"", "16 condition must be a boolean, not a string", null),
                // computed operands (issue 14: expressions in every stage)
                ok("concat on the right", "namespace == \"team-\" + user.name"),
                ok("function on the left", "lower(user.name) == \"admin\""),
                ok("coalesce of attributes", "coalesce(user.serviceAccount.namespace, user.uid) == namespace"),
                ok("regex test", "regex(name, \"^[a-z]+$\")"),
                ok("negated regex", "not regex(path, \"^/api\")"),
                ok("built string in a list attribute", "\"team:\" + namespace in user.groups"),
                ok("built string in a literal list", "upper(verb) in [\"GET\", \"LIST\"]"),
                bad("unknown function", "lowr(user.name) == \"a\"", "16 unknown function 'lowr'", "did you mean 'lower'?"),
                bad("wrong argument count", "lower(user.name, verb) == \"a\"", "16 'lower' takes 1 argument, got 2",
                        "e.g. " + AdmissionFunction.LOWER.example()),
                bad("a list where a string is needed", "lower(user.groups) == \"a\"",
                        "22 'lower' takes strings, and 'user.groups' is a list of strings", "test its members instead, e.g. '\"...\" in user.groups'"),
                bad("a list joined", "\"g:\" + user.groups == \"a\"",
                        "23 '+' joins strings, and 'user.groups' is a list of strings", "test its members instead, e.g. '\"...\" in user.groups'"),
                bad("a boolean joined", "\"g:\" + resourceRequest == \"a\"",
                        "23 '+' joins strings, and 'resourceRequest' is a boolean", null),
                bad("count is for admission", "count(user.groups) == \"1\"", "16 'count' is only allowed in admission rules",
                        "authorization attributes are strings; compare them with ==, in, startsWith, matches or regex"),
                bad("quantity is for admission", "quantity(name) == \"1\"", "16 'quantity' is only allowed in admission rules",
                        "authorization attributes are strings; compare them with ==, in, startsWith, matches or regex"),
                bad("regex pattern from an attribute", "regex(name, verb)", "28 the pattern of 'regex' must be a string literal",
                        "so that it is checked with the policy, e.g. " + AdmissionFunction.REGEX.example()),
                bad("invalid regex", "regex(name, \"(a\")", "28 not a valid regular expression: missing closing ) at '(a'",
                        "RE2 syntax (no backreferences or lookaround), e.g. " + AdmissionFunction.REGEX.example()),
                bad("regex compared with a string", "regex(name, \"a\") == \"true\"",
                        "33 cannot compare a boolean with a string using '=='", "try 'regex(name, \"a\") == true' without quotes"),
                bad("a function as a condition", "lower(user.name)", "16 condition must be a boolean, not a string", null),
                bad("unknown attribute inside a function", "lower(user.nmae) == \"a\"", "22 unknown attribute 'user.nmae'",
                        "did you mean 'user.name'?"));
    }

    private static Arguments ok(String name, String condition) {
        return Arguments.of(Named.of(name, condition), "ok", null);
    }

    private static Arguments bad(String name, String condition, String expected, String help) {
        return Arguments.of(Named.of(name, condition), expected, help);
    }

    /** A condition that compiles but gets one warning. */
    private static Arguments warn(String name, String condition, String expected, String help) {
        return Arguments.of(Named.of(name, condition), "warning " + expected, help);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check_condition_givesExpectedVerdict(String condition, String expected, String help) {
        ParseResult parsed = PolicyParser.parse("t.pal", PREFIX + condition);
        assertEquals(List.of(), parsed.diagnostics(), "test input must parse");

        List<Diagnostic> errors = PolicyChecker.check(List.of(parsed.file()));

        if (expected.equals("ok")) {
            assertEquals(List.of(), errors);
            return;
        }
        assertEquals(1, errors.size(), () -> errors.toString());
        Diagnostic error = errors.get(0);
        String severity = error.isError() ? "" : "warning ";
        assertEquals(expected, severity + error.span().column() + " " + error.message());
        assertEquals(help, error.help());
    }
}
