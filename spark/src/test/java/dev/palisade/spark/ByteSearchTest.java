package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Eight bytes at a time finds what a byte-by-byte loop finds, wherever it is in the word. */
class ByteSearchTest {
    @Test
    void findsWhatALoopFinds() {
        Random random = new Random(7);
        byte[] alphabet = {'a', 'D', '\\', '\n', '"', (byte) 0x80, (byte) 0xff, 0, 0x01, 'C', 'E', '[', ']'};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(3) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) ('e' + random.nextInt(10));
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length);
            int to = from + random.nextInt(b.length - from + 1);
            assertEquals(naive(b, from, to, (byte) 'D', (byte) '\\'), ByteSearch.indexOf(b, from, to, (byte) 'D', (byte) '\\'));
            assertEquals(naive(b, from, to, (byte) '\n', (byte) '\n'), ByteSearch.indexOf(b, from, to, (byte) '\n', (byte) '\n'));
            assertEquals(naive(b, from, to, (byte) 0xff, (byte) 0), ByteSearch.indexOf(b, from, to, (byte) 0xff, (byte) 0));
            for (byte one : new byte[] {'\n', 'D', 0, (byte) 0x80, (byte) 0xff, (byte) 0x01}) {
                assertEquals(naive(b, from, to, one, one), ByteSearch.indexOf(b, from, to, one), "byte " + one);
            }
        }
    }

    private static int naive(byte[] b, int from, int to, byte x, byte y) {
        for (int i = from; i < to; i++) {
            if (b[i] == x || b[i] == y) {
                return i;
            }
        }
        return to;
    }
}
