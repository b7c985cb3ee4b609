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

        /** Whether a literal is a value of this type. */
        public boolean accepts(Term value) {
            return switch (this) {
                case STRING -> value instanceof Term.Str;
                case NUMBER -> value instanceof Term.Num;
                case BOOLEAN -> value instanceof Term.Bool;
                case STRING_LIST -> value instanceof Term.ListLit l && l.elements().stream().allMatch(e -> e instanceof Term.Str);
                case NUMBER_LIST -> value instanceof Term.ListLit l && l.elements().stream().allMatch(e -> e instanceof Term.Num);
            };
        }
    }

    /** What a literal is, for "must be list of string, got a string". */
    public static String describe(Term t) {
        if (t instanceof Term.Str) {
            return "a string";
        }
        if (t instanceof Term.Num) {
            return "a number";
        }
        if (t instanceof Term.Bool) {
            return "a boolean";
        }
        if (t instanceof Term.ListLit) {
            return "a list of other values";
        }
        return t instanceof Term.ObjLit ? "an object" : "not a literal";
    }
}
