package dev.palisade.dsl.ast;

import dev.palisade.dsl.source.Span;
import java.math.BigDecimal;
import java.util.List;

/** A value in an admission condition or mutation. */
public sealed interface Term permits Term.PathRef, Term.Str, Term.Num, Term.Bool, Term.ListLit, Term.Concat, Term.ObjLit,
        Term.Call {
    Span span();

    /** {@code count(object.spec.containers)}: {@code function} is null when the name is unknown (the checker says so). */
    record Call(String name, AdmissionFunction function, Span nameSpan, List<Term> args, Span span) implements Term {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** {@code {"name": "a", "value": c.name}}: an object a mutation writes; keys in order, each once. */
    record ObjLit(List<Field> fields, Span span) implements Term {
        public ObjLit {
            fields = List.copyOf(fields);
        }

        public record Field(String key, Span keySpan, Term value) {}
    }

    /** {@code "prefix/" + c.name}: the parts' text joined; absent when a part is absent or not a scalar. */
    record Concat(List<Term> parts, Span span) implements Term {
        public Concat {
            parts = List.copyOf(parts);
        }
    }

    /** Every path a term reads, computed keys' paths included, left to right. */
    static List<ObjPath> paths(Term t) {
        java.util.List<ObjPath> out = new java.util.ArrayList<>();
        if (t instanceof PathRef p) {
            out.add(p.path());
            out.addAll(p.path().keyPaths());
        } else if (t instanceof Concat c) {
            c.parts().forEach(part -> out.addAll(paths(part)));
        } else if (t instanceof ListLit l) {
            l.elements().forEach(e -> out.addAll(paths(e)));
        } else if (t instanceof ObjLit o) {
            o.fields().forEach(f -> out.addAll(paths(f.value())));
        } else if (t instanceof Call c) {
            c.args().forEach(a -> out.addAll(paths(a)));
        }
        return out;
    }

    /** The term as a policy author would write it, for messages. */
    static String text(Term t) {
        if (t instanceof PathRef p) {
            return p.path().text();
        }
        if (t instanceof Str s) {
            return "\"" + s.value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (t instanceof Num n) {
            return n.value().toPlainString();
        }
        if (t instanceof Bool b) {
            return Boolean.toString(b.value());
        }
        if (t instanceof Concat c) {
            return String.join(" + ", c.parts().stream().map(Term::text).toList());
        }
        if (t instanceof Call c) {
            return c.name() + "(" + String.join(", ", c.args().stream().map(Term::text).toList()) + ")";
        }
        if (t instanceof ObjLit o) {
            return "{" + String.join(", ", o.fields().stream().map(f -> text(new Str(f.key(), f.keySpan())) + ": " + text(f.value())).toList()) + "}";
        }
        return "[" + String.join(", ", ((ListLit) t).elements().stream().map(Term::text).toList()) + "]";
    }

    record PathRef(ObjPath path) implements Term {
        public Span span() {
            return path.span();
        }
    }

    record Str(String value, Span span) implements Term {}

    record Num(BigDecimal value, Span span) implements Term {}

    record Bool(boolean value, Span span) implements Term {}

    /** {@code ["a", 1]}; in a mutation's value any values ({@code [true, {"a": 1}]}). */
    record ListLit(List<Term> elements, Span span) implements Term {
        public ListLit {
            elements = List.copyOf(elements);
        }
    }
}
