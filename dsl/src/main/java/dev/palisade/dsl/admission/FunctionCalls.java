package dev.palisade.dsl.admission;

import dev.palisade.dsl.ast.Term;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The admission functions, compiled to {@link Node.Value}s. A function of an absent or
 * ill-typed argument is absent (so a comparison with it is false), never an error: the checker
 * has already refused what can be known wrong before any request.
 */
final class FunctionCalls {
    private FunctionCalls() {}

    static Node.Value compile(Term.Call call, Node.Value[] args) {
        if (call.function() == null) {
            throw new IllegalArgumentException("unknown function " + call.name());
        }
        Node.Value a = args[0];
        return switch (call.function()) {
            case COUNT -> s -> count(a.get(s));
            case LOWER -> s -> a.get(s) instanceof String v ? v.toLowerCase(Locale.ROOT) : null;
            case UPPER -> s -> a.get(s) instanceof String v ? v.toUpperCase(Locale.ROOT) : null;
            case COALESCE -> s -> {
                for (Node.Value arg : args) {
                    Object v = arg.get(s);
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            };
            case QUANTITY -> s -> Quantity.of(a.get(s));
            case REGEX -> {
                if (!(call.args().get(1) instanceof Term.Str pattern)) {
                    throw new IllegalArgumentException("regex needs a string literal pattern");
                }
                com.google.re2j.Pattern re = com.google.re2j.Pattern.compile(pattern.value());
                yield s -> a.get(s) instanceof String v ? re.matcher(v).find() : null;
            }
        };
    }

    /** Elements of a list, entries of a map, code points of a string; none when absent. */
    private static Object count(Object v) {
        if (v == null) {
            return 0L;
        }
        if (v instanceof List<?> l) {
            return (long) l.size();
        }
        if (v instanceof Map<?, ?> m) {
            return (long) m.size();
        }
        if (v instanceof String s) {
            return (long) s.codePointCount(0, s.length());
        }
        return null;
    }
}
