package dev.palisade.dsl.ast;

import dev.palisade.dsl.source.Span;
import java.util.List;

/** A value in a condition. */
public sealed interface Operand permits Operand.Attribute, Operand.Str, Operand.StrList, Operand.Bool,
        Operand.Concat, Operand.Call {
    Span span();

    /**
     * {@code "team-" + user.serviceAccount.name}: the parts' text joined. A computed operand: the
     * rule tests it in Java on the request (not hashed), see ConditionLowering.
     */
    record Concat(List<Operand> parts, Span span) implements Operand {
        public Concat {
            parts = List.copyOf(parts);
        }
    }

    /**
     * {@code lower(user.name)}, {@code regex(name, "^[a-z]+$")}: the admission functions that make
     * sense on request attributes; {@code function} is null when the name is unknown (the checker says so).
     */
    record Call(String name, AdmissionFunction function, Span nameSpan, List<Operand> args, Span span) implements Operand {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** Whether the operand is computed on the request (a {@link Concat} or a {@link Call}) rather than read or written. */
    static boolean isComputed(Operand o) {
        return o instanceof Concat || o instanceof Call;
    }

    /** The attributes an operand reads, computed operands' parts included, left to right. */
    static List<Attribute> attributes(Operand o) {
        java.util.List<Attribute> out = new java.util.ArrayList<>();
        if (o instanceof Attribute a) {
            out.add(a);
        } else if (o instanceof Concat c) {
            c.parts().forEach(p -> out.addAll(attributes(p)));
        } else if (o instanceof Call c) {
            c.args().forEach(p -> out.addAll(attributes(p)));
        }
        return out;
    }

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
