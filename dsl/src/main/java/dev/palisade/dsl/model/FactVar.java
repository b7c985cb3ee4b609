package dev.palisade.dsl.model;

import java.util.Objects;

/**
 * A fact a rule matches: its class and, where constraints or the consequence refer to it, its
 * name ({@code $r}); {@code name} is null for a pattern nothing refers to.
 */
public record FactVar<T>(Class<T> type, String name) {
    public FactVar {
        Objects.requireNonNull(type, "type");
    }

    /** A pattern of this class nothing refers to. */
    public static <T> FactVar<T> anonymous(Class<T> type) {
        return new FactVar<>(type, null);
    }
}
