package dev.palisade.dsl.ast;

import dev.palisade.dsl.source.Span;
import java.util.List;

/** A value in a condition. */
public sealed interface Operand permits Operand.Attribute, Operand.Str, Operand.StrList, Operand.Bool {
    Span span();

    /**
     * A request attribute: {@code name} is its dotted path as written ({@code user.name},
     * {@code verb}); {@code key} is the map key for {@code user.extra["key"]}, else null.
     */
    record Attribute(String name, String key, Span span) implements Operand {}

    /** A string literal, already unescaped. */
    record Str(String value, Span span) implements Operand {}

    /** {@code ["a", "b"]}. */
    record StrList(List<Str> elements, Span span) implements Operand {
        public StrList {
            elements = List.copyOf(elements);
        }
    }

    record Bool(boolean value, Span span) implements Operand {}
}
