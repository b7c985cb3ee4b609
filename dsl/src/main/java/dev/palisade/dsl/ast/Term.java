package dev.palisade.dsl.ast;

import dev.palisade.dsl.source.Span;
import java.math.BigDecimal;
import java.util.List;

/** A value in an admission condition or mutation. */
public sealed interface Term permits Term.PathRef, Term.Str, Term.Num, Term.Bool, Term.ListLit {
    Span span();

    record PathRef(ObjPath path) implements Term {
        public Span span() {
            return path.span();
        }
    }

    record Str(String value, Span span) implements Term {}

    record Num(BigDecimal value, Span span) implements Term {}

    record Bool(boolean value, Span span) implements Term {}

    /** {@code ["a", 1]}: literals only. */
    record ListLit(List<Term> elements, Span span) implements Term {
        public ListLit {
            elements = List.copyOf(elements);
        }
    }
}
