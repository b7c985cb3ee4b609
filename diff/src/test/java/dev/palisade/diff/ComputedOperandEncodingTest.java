package dev.palisade.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.PolicyEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Computed operands in diff: {@code +} and {@code coalesce} are encoded exactly (Z3's str.++ and an
 * if-then-else chain), so a change of such a rule is found; {@code lower}, {@code upper} and
 * {@code regex} have no exact encoding and are refused, naming the rule and the position.
 */
class ComputedOperandEncodingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "concat, added           | namespace == \"team-\" + user.name                        | GRANTED",
        "concat of attributes    | namespace + \"/\" + name == \"n1/web\"                      | GRANTED",
        "coalesce                | coalesce(user.serviceAccount.namespace, user.uid) == namespace | GRANTED",
        "prefix from a concat    | path startsWith \"/logs/\" + user.name                     | GRANTED",
        "prefix from an attribute| name startsWith user.name                                | GRANTED"})
    void exactlyEncoded_changeIsFound(String name, String condition, String direction) throws IOException {
        try (PolicyEngine before = engine("allow \"base\" when verb == \"nothing\"");
             PolicyEngine after = engine("allow \"base\" when verb == \"nothing\"\nallow \"new\" when " + condition)) {
            DiffReport report = AuthorizationDiff.diff(before, after);
            assertEquals(List.of(direction), report.classes().stream().map(c -> c.direction().name()).distinct().toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "lower  | lower(user.name) == \"admin\"           | p.pal:3:18: diff cannot analyse 'lower(...)' | case mapping",
        "upper  | namespace == upper(user.name)           | p.pal:3:31: diff cannot analyse 'upper(...)' | case mapping",
        "regex  | regex(name, \"^[a-z]+-[0-9]+$\")         | p.pal:3:18: diff cannot analyse 'regex(...)' | RE2"})
    void notExactlyEncodable_isRefusedNamingRuleAndPlace(String name, String condition, String where, String why) throws IOException {
        try (PolicyEngine before = engine("allow \"base\" when verb == \"nothing\"");
             PolicyEngine after = engine("allow \"base\" when verb == \"nothing\"\nallow \"new\" when " + condition)) {
            UnsupportedPolicyException e = assertThrows(UnsupportedPolicyException.class, () -> AuthorizationDiff.diff(before, after));
            assertTrue(e.getMessage().contains("/" + where), e.getMessage());
            assertTrue(e.getMessage().contains(why), e.getMessage());
            assertTrue(e.getMessage().endsWith("(rule \"p/new\")"), e.getMessage());
        }
    }

    private static PolicyEngine engine(String rules) throws IOException {
        Path dir = Files.createTempDirectory("diff-computed");
        Path file = dir.resolve("p.pal");
        Files.writeString(file, "package p\n" + rules + "\n");
        return PolicyEngine.builder().add(PolicyEngine.compilePolicies("dsl", List.of(file))).build();
    }
}
