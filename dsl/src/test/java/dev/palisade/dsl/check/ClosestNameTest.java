package dev.palisade.dsl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClosestNameTest {
    private static final List<String> NAMES = List.of("user.name", "user.uid", "user.groups", "verb", "namespace", "name");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "user.nmae, user.name",   // swap
            "user.group, user.groups", // deletion
            "usr.uid, user.uid",
            "nmae, name",
            "verbs, verb",
            "namespaces, namespace",
            "uid, none",               // too far from user.uid for a 3-letter word
            "object, none"})
    void to_misspelling_suggestsNearestOrNothing(String input, String expected) {
        assertEquals(Optional.ofNullable(expected), ClosestName.to(input, NAMES));
    }

    @ParameterizedTest(name = "{0}/{1} = {2}")
    @CsvSource({"abc, abc, 0", "abc, acb, 1", "abc, '', 3", "kitten, sitting, 3"})
    void distance_knownPairs(String a, String b, int expected) {
        assertEquals(expected, ClosestName.distance(a, b));
    }
}
