package dev.palisade.dsl.ast;

import dev.palisade.dsl.source.Span;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code param allowedCapabilities: list of string = []}: a value the file's admission rules read
 * as {@code params.allowedCapabilities}, given per instance in {@code palisade.yaml}.
 *
 * @param type         null when the declared type is not one of {@link Type} (the parser says so)
 * @param defaultValue the literal after {@code =}, or null: every instance must then give a value
 */
public record ParamDecl(String name, Span nameSpan, Type type, Term defaultValue, Span span) {
    /** The types a parameter may have. */
    public enum Type {
        STRING("string"), NUMBER("number"), BOOLEAN("boolean"), STRING_LIST("list of string"), NUMBER_LIST("list of number");

        private final String spelling;

        Type(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }

        public static Optional<Type> bySpelling(String words) {
            return Arrays.stream(values()).filter(t -> t.spelling.equals(words)).findFirst();
        }

        public boolean isList() {
            return this == STRING_LIST || this == NUMBER_LIST;
        }
    }
}
