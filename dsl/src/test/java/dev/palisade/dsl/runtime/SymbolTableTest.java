package dev.palisade.dsl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolTableTest {
    @Test
    void everySymbol_findsItsId_andNothingElseIsFound() {
        for (int n : new int[] {0, 1, 2, 3, 7, 8, 9, 100, 1000}) {
            List<String> symbols = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                symbols.add("s" + i);
            }
            SymbolTable table = new SymbolTable(symbols);
            for (int i = 0; i < n; i++) {
                assertEquals(i, table.idOf(new String("s" + i)), n + " symbols, s" + i);
                assertEquals("s" + i, table.string(i));
            }
            for (String absent : List.of("", "s", "s" + n, "t0", "S0")) {
                assertEquals(-1, table.idOf(absent), n + " symbols, " + absent);
            }
        }
    }

    @Test
    void stringsWithTheSameHash_keepTheirOwnIds() {
        // "Aa" and "BB" (and their concatenations) share a hash code
        SymbolTable table = new SymbolTable(List.of("AaAa", "BBBB", "AaBB", "x"));
        assertEquals("AaAa".hashCode(), "BBAa".hashCode());
        assertEquals(0, table.idOf("AaAa"));
        assertEquals(1, table.idOf("BBBB"));
        assertEquals(2, table.idOf("AaBB"));
        assertEquals(-1, table.idOf("BBAa"));
        assertEquals(3, table.idOf("x"));
    }

    @Test
    void duplicatesAndNulls_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SymbolTable(List.of("a", "b", "a")));
        List<String> withNull = new ArrayList<>(List.of("a"));
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> new SymbolTable(withNull));
        assertThrows(NullPointerException.class, () -> new SymbolTable(List.of("a")).idOf(null));
    }
}
