package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongConsumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The auditID scan finds every ID the engine's parser could read (more is allowed), and says
 * when it is unsure rather than miss one.
 */
class AuditIdsTest {
    private final IdHash hash = new IdHash(64);
    private final AuditIds ids = new AuditIds(hash);

    private long[] expected(String... auditIDs) {
        return Arrays.stream(auditIDs).mapToLong(hash::of).sorted().toArray();
    }

    /** What the scan finds, or null when it is unsure. */
    private long[] scanned(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        LongStream.Builder found = LongStream.builder();
        return ids.scan(b, 0, b.length, found::add) ? found.build().sorted().toArray() : null;
    }

    private long[] parsed(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        LongStream.Builder found = LongStream.builder();
        assertTrue(ids.parse(b, 0, b.length, (LongConsumer) found::add), line);
        return found.build().sorted().toArray();
    }

    @Test
    void linesAsTheApiserverWritesThemAreScanned() {
        assertArrayEquals(expected("0b6c9c8e-7f2a-4a57-9d1b-2f4c1d0e9a11"), scanned(NothingLostTest.event(
                "0b6c9c8e-7f2a-4a57-9d1b-2f4c1d0e9a11", "ResponseComplete", "alice", "get", "/api", 200)));
        assertArrayEquals(expected("a"), scanned("{ \"auditID\" :\t\"a\" , \"message\":\"say \\\"auditID\\\": \\\"b\\\"\"}"),
                "an escaped key inside a string is not a key");
        assertArrayEquals(expected("a"), scanned("{\"kind\":\"auditID\",\"auditID\":\"a\"}"), "\"auditID\" as a value");
        assertArrayEquals(expected("a", "b", "c"),
                scanned("{\"kind\":\"EventList\",\"items\":[{\"auditID\":\"a\"},{\"auditID\":\"b\",\"x\":{\"auditID\":\"c\"}}]}"),
                "any depth: more is harmless");
        assertArrayEquals(expected(), scanned("{\"kind\":\"Event\",\"stage\":\"ResponseComplete\"}"), "no auditID");
        assertArrayEquals(expected("a"), scanned("{\"p\":\"C:\\\\\",\"auditID\":\"a\"}"), "an escaped backslash ends no string");
    }

    @Test
    void unsureOfWhatItCannotReadAndTheParserReadsIt() {
        assertTrue(scanned("{\"auditID\":\"esc\\u0061\"}") == null, "an escaped value");
        assertTrue(scanned("{\"audit\\u0049D\":\"esca\"}") == null, "a key's letter escaped");
        assertTrue(scanned("{\"auditID\":\"caf\u00e9\"}") == null, "non-ASCII");
        assertTrue(scanned("{\"auditID\":null}") == null, "not a string");
        assertTrue(scanned("{\"kind\":\"Event\",\"auditID\":\"cut") == null, "cut in the value");
        assertArrayEquals(expected("esca"), parsed("{\"auditID\":\"esc\\u0061\"}"));
        assertArrayEquals(expected("esca"), parsed("{\"audit\\u0049D\":\"esca\"}"));
        assertArrayEquals(expected("caf\u00e9"), parsed("{\"auditID\":\"caf\u00e9\"}"));
        assertArrayEquals(expected("a"), parsed("{\"auditID\":\"a\",\"kind\":\"Event\",\"auditID\":"),
                "a line that breaks: what comes before the break");
        assertArrayEquals(expected(), parsed("{\"kind\":\"Event\",\"auditID\":\"cut"));
    }

    @Test
    void collisionsOnlyMakeMoreIdsCross() {
        IdHash oneBit = new IdHash(1);
        CrossSplitIds cross = new CrossSplitIds(oneBit, false, new long[] {oneBit.of("X")});
        assertTrue(cross.contains("X"));
        String other = LongStream.range(0, 100).mapToObj(i -> "id-" + i)
                .filter(id -> oneBit.of(id) == oneBit.of("X")).findFirst().orElseThrow();
        assertTrue(cross.contains(other), "an ID with X's hash crosses the shuffle too (harmless: its events meet anyway)");
        assertTrue(new CrossSplitIds(hash, true, new long[0]).contains("anything"), "all: unreadable IDs somewhere");
        assertFalse(new CrossSplitIds(hash, false, new long[] {hash.of("X")}).contains("Y"));
    }
}
