package dev.palisade.dsl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''        | ''        | true",
        "''        | a         | false",
        "*         | ''        | true",
        "*         | anything  | true",
        "**        | ''        | true",
        "?         | ''        | false",
        "?         | a         | true",
        "?         | ab        | false",
        "a*        | a         | true",
        "a*b       | ab        | true",
        "a*b       | axxb      | true",
        "a*b       | axxbx     | false",
        "*a*b*     | xxaxxbxx  | true",
        "*a*b*     | xxbxxaxx  | false",
        "a?c       | abc       | true",
        "a?c       | ac        | false",
        "a\\*b     | a*b       | true",
        "a\\*b     | axb       | false",
        "a\\?b     | a?b       | true",
        "a\\?b     | axb       | false",
        "a\\\\b    | a\\b      | true",
        "a\\       | a\\       | true",
        "\\a       | a         | true",
        "*.example.com | api.example.com | true",
        "*.example.com | example.com     | false",
        "system:serviceaccount:*:default | system:serviceaccount:kube-system:default | true",
        "ca?é      | café      | true",
        "?         | \uD83D\uDE00 | true",
        "??        | \uD83D\uDE00 | false",
    })
    void table(String pattern, String subject, boolean expected) {
        assertEquals(expected, Glob.compile(pattern).matches(subject));
    }

    @Test
    void adversarialInputIsFast() {
        String subject = "a".repeat(50_000);
        Glob glob = Glob.compile("*a*a*a*a*a*a*a*a*a*a*b");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertFalse(glob.matches(subject)));
    }

    /** Same answers as a regex translation of the glob, on small random inputs. */
    @Property(tries = 500)
    void agreesWithRegex(@ForAll @StringLength(max = 6) @CharRange(from = 'a', to = 'b') @CharRange(from = '*', to = '*')
                         @CharRange(from = '?', to = '?') @CharRange(from = '\\', to = '\\') String pattern,
                         @ForAll @StringLength(max = 8) @CharRange(from = 'a', to = 'b') @CharRange(from = '*', to = '*')
                         String subject) {
        assertEquals(toRegex(pattern).matcher(subject).matches(), Glob.compile(pattern).matches(subject),
                () -> pattern + " ~ " + subject);
    }

    private static Pattern toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\' && i + 1 < glob.length()) {
                re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
