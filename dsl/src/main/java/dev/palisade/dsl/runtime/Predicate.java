package dev.palisade.dsl.runtime;

import dev.palisade.dsl.schema.AuthzAttribute;
import java.util.Objects;

/**
 * A string test that is not an equality, evaluated in Java so that no policy text reaches DRL:
 * the DRL only says {@code test(7)} and the fact runs predicate 7 on its own strings.
 *
 * @param kind     what to test
 * @param subject  the attribute tested; for a list attribute ({@code user.groups},
 *                 {@code user.extra[k]}) each element fact tests its own value (ANY semantics)
 * @param literal  the right-hand string literal, or null when {@code argument} is set
 * @param argument a scalar request attribute used as right-hand side (only for {@link Kind#CONTAINS}
 *                 on a scalar subject), or null
 */
public record Predicate(Kind kind, AuthzAttribute subject, String literal, AuthzAttribute argument) {

    public enum Kind { STARTS_WITH, ENDS_WITH, CONTAINS, MATCHES }

    public Predicate {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        if ((literal == null) == (argument == null)) {
            throw new IllegalArgumentException("a predicate needs exactly one of literal and argument");
        }
        if (argument != null && (kind == Kind.MATCHES || subject.type() != argument.type()
                || argument.type() != dev.palisade.dsl.schema.ValueType.STRING)) {
            throw new IllegalArgumentException("unsupported attribute argument for " + kind + ": " + argument);
        }
    }

    /** Binds the predicate to a ready-to-run test (the glob is compiled once, at build time). */
    public Compiled compile() {
        return new Compiled(this, kind == Kind.MATCHES ? Glob.compile(literal) : null);
    }

    /** A predicate ready to run. Immutable and shared by all threads. */
    public static final class Compiled {
        private final Predicate predicate;
        private final Glob glob;

        private Compiled(Predicate predicate, Glob glob) {
            this.predicate = predicate;
            this.glob = glob;
        }

        public Predicate predicate() {
            return predicate;
        }

        /** {@code argumentValue} is the request's value of {@link #argument()}, or null when unused. */
        public boolean test(String value, String argumentValue) {
            String right = predicate.literal != null ? predicate.literal : argumentValue;
            if (right == null) {
                throw new IllegalStateException("predicate needs a request attribute it was not given: " + predicate);
            }
            return switch (predicate.kind) {
                case STARTS_WITH -> value.startsWith(right);
                case ENDS_WITH -> value.endsWith(right);
                case CONTAINS -> value.contains(right);
                case MATCHES -> glob.matches(value);
            };
        }
    }
}
