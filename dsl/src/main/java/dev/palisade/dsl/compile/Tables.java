package dev.palisade.dsl.compile;

import dev.palisade.dsl.runtime.Predicate;
import dev.palisade.dsl.runtime.SymbolTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects symbols and predicates while a policy set is compiled; ids are assigned in order of first use. */
final class Tables {
    private final Map<String, Integer> symbols = new LinkedHashMap<>();
    private final Map<Predicate, Integer> predicates = new LinkedHashMap<>();
    private final Map<String, AuthzAtom.Computed> computed = new LinkedHashMap<>();

    int symbol(String s) {
        if (s == null) {
            throw new IllegalArgumentException("null string literal in policy");
        }
        return symbols.computeIfAbsent(s, k -> symbols.size());
    }

    /** Identical predicates share an id, so Drools can share their alpha node. */
    int predicate(Predicate p) {
        return predicates.computeIfAbsent(p, k -> predicates.size());
    }

    /**
     * Computed tests with the same canonical text are one atom (one id, one compiled test, one node):
     * they test the same thing, and the normal form can see {@code x and not x}.
     */
    AuthzAtom.Computed computed(String canonical, java.util.function.Supplier<dev.palisade.dsl.runtime.RequestExpression> test) {
        return computed.computeIfAbsent(canonical, k -> new AuthzAtom.Computed(computed.size(), test.get()));
    }

    SymbolTable symbolTable() {
        return new SymbolTable(new ArrayList<>(symbols.keySet()));
    }

    List<Predicate> predicateTable() {
        return List.copyOf(predicates.keySet());
    }
}
