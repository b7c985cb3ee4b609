package dev.palisade.dsl.runtime;

import dev.palisade.dsl.ast.Expr;
import dev.palisade.dsl.ast.Operand;
import dev.palisade.dsl.ast.Operator;
import dev.palisade.dsl.schema.AuthzAttribute;
import dev.palisade.dsl.schema.ValueType;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A condition leaf of an authorization or authn rule with a computed operand ({@code +} or a
 * function call), compiled once to a Java test on the request. Such leaves cannot be hashed by
 * Drools (their value is not one of the request's attribute symbols), so they run as plain
 * constraint tests, and only in the rules that use them (see ConditionLowering); every other leaf
 * keeps its hashed or indexed form.
 *
 * <p>The one place that gives these operands their meaning: the compiled rules and {@code explain}
 * both evaluate through it. Values are a {@code String}, a {@code Boolean} or a {@code List} of
 * strings; an absent string attribute is "" (the {@link AuthzInput} contract), so {@code +} joins
 * it as "", {@code coalesce} takes the first non-empty argument and {@code lower("")} is "".
 * No policy text reaches generated code: the model holds this object, not its source.
 */
public final class RequestExpression implements java.util.function.Predicate<AuthzInput> {
    /** A value computed from the request. */
    @FunctionalInterface
    public interface Value {
        Object get(AuthzInput request);
    }

    private final Operator op;
    private final Value left;
    private final Value right;
    /** The glob of a {@code matches}, compiled once. */
    private final Glob glob;

    private RequestExpression(Operator op, Value left, Value right, Glob glob) {
        this.op = op;
        this.left = left;
        this.right = right;
        this.glob = glob;
    }

    /**
     * Compiles a checked comparison or boolean test.
     *
     * @throws IllegalArgumentException for a shape the checker rejects (fail closed: never a silently true test)
     */
    public static RequestExpression compile(Expr leaf) {
        if (leaf instanceof Expr.Test t) {
            require(type(t.operand()) == ValueType.BOOL, "a condition must be boolean");
            Value v = value(t.operand());
            return new RequestExpression(null, v, null, null);
        }
        if (!(leaf instanceof Expr.Comparison c)) {
            throw new IllegalArgumentException("not a condition leaf: " + leaf);
        }
        checkTypes(c);
        Glob glob = null;
        if (c.op() == Operator.MATCHES) {
            if (!(c.right() instanceof Operand.Str pattern)) {
                throw new IllegalArgumentException("matches needs a string literal pattern");
            }
            glob = Glob.compile(pattern.value());
        }
        return new RequestExpression(c.op(), value(c.left()), value(c.right()), glob);
    }

    /**
     * The operand types each operator needs, checked again here: the casts in {@link #test} must
     * never meet a value of another type (the checker refused such leaves; this is the defence
     * against an AST built around it, so an ill-typed leaf is a compile error, never a failing
     * or silently false test at request time).
     */
    private static void checkTypes(Expr.Comparison c) {
        ValueType l = type(c.left());
        ValueType r = type(c.right());
        boolean ok = switch (c.op()) {
            case EQ, NE -> l == r && l != ValueType.STRING_LIST;
            case IN, NOT_IN -> l == ValueType.STRING && r == ValueType.STRING_LIST;
            case CONTAINS -> l != ValueType.BOOL && r == ValueType.STRING;
            case STARTS_WITH, ENDS_WITH -> l != ValueType.BOOL && r == ValueType.STRING;
            case MATCHES -> l != ValueType.BOOL && c.right() instanceof Operand.Str;
        };
        require(ok, "cannot apply " + c.op().spelling() + " to " + l + " and " + r);
    }

    /** An operand's type; a computed one's parts and arguments must be strings (regex: a literal pattern). */
    private static ValueType type(Operand o) {
        if (o instanceof Operand.Str) {
            return ValueType.STRING;
        }
        if (o instanceof Operand.Bool) {
            return ValueType.BOOL;
        }
        if (o instanceof Operand.StrList) {
            return ValueType.STRING_LIST;
        }
        if (o instanceof Operand.Attribute a) {
            AuthzAttribute attr = AuthzAttribute.byName(a.name())
                    .orElseThrow(() -> new IllegalArgumentException("unknown attribute " + a.name()));
            require(attr.keyed() == (a.key() != null), attr.dslName() + (attr.keyed() ? " needs a key" : " takes no key"));
            return attr.type();
        }
        if (o instanceof Operand.Concat c) {
            c.parts().forEach(p -> require(type(p) == ValueType.STRING, "'+' joins strings"));
            return ValueType.STRING;
        }
        Operand.Call call = (Operand.Call) o;
        require(call.function() != null, "unknown function " + call.name());
        int n = call.args().size();
        require(n >= call.function().minArgs() && n <= call.function().maxArgs(), "wrong number of arguments to " + call.name());
        return switch (call.function()) {
            case LOWER, UPPER, COALESCE -> {
                call.args().forEach(a -> require(type(a) == ValueType.STRING, call.name() + " takes strings"));
                yield ValueType.STRING;
            }
            case REGEX -> {
                require(type(call.args().get(0)) == ValueType.STRING && call.args().get(1) instanceof Operand.Str,
                        "regex takes a string and a literal pattern");
                yield ValueType.BOOL;
            }
            case COUNT, QUANTITY -> throw new IllegalArgumentException(call.name() + " is not available on request attributes");
        };
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalArgumentException("unsupported condition: " + what);
        }
    }

    @Override
    public boolean test(AuthzInput request) {
        Object l = left.get(request);
        if (op == null) {
            return Boolean.TRUE.equals(l);
        }
        Object r = right.get(request);
        return switch (op) {
            case EQ -> l.equals(r);
            case NE -> !l.equals(r);
            case IN -> r instanceof List<?> list && list.contains(l);
            case NOT_IN -> !(r instanceof List<?> list && list.contains(l));
            case CONTAINS -> l instanceof List<?> list ? list.contains(r) : ((String) l).contains((String) r);
            case STARTS_WITH -> anyElement(l, v -> v.startsWith((String) r));
            case ENDS_WITH -> anyElement(l, v -> v.endsWith((String) r));
            case MATCHES -> anyElement(l, glob::matches);
        };
    }

    private static boolean anyElement(Object value, java.util.function.Predicate<String> test) {
        if (value instanceof List<?> l) {
            for (Object o : l) {
                if (test.test((String) o)) {
                    return true;
                }
            }
            return false;
        }
        return test.test((String) value);
    }

    /** An operand as a value of the request; literals are constants. */
    public static Value value(Operand o) {
        if (o instanceof Operand.Str s) {
            String v = s.value();
            return r -> v;
        }
        if (o instanceof Operand.Bool b) {
            Boolean v = b.value();
            return r -> v;
        }
        if (o instanceof Operand.StrList l) {
            List<String> v = l.elements().stream().map(Operand.Str::value).toList();
            return r -> v;
        }
        if (o instanceof Operand.Attribute a) {
            return reader(a);
        }
        if (o instanceof Operand.Concat c) {
            Value[] parts = c.parts().stream().map(RequestExpression::value).toArray(Value[]::new);
            return r -> {
                StringBuilder out = new StringBuilder();
                for (Value p : parts) {
                    out.append((String) p.get(r));
                }
                return out.toString();
            };
        }
        return call((Operand.Call) o);
    }

    private static Value call(Operand.Call call) {
        if (call.function() == null) {
            throw new IllegalArgumentException("unknown function " + call.name());
        }
        Value[] args = call.args().stream().map(RequestExpression::value).toArray(Value[]::new);
        Value a = args[0];
        return switch (call.function()) {
            case LOWER -> r -> ((String) a.get(r)).toLowerCase(Locale.ROOT);
            case UPPER -> r -> ((String) a.get(r)).toUpperCase(Locale.ROOT);
            case COALESCE -> r -> {
                for (Value arg : args) {
                    String v = (String) arg.get(r);
                    if (!v.isEmpty()) {
                        return v;
                    }
                }
                return "";
            };
            case REGEX -> {
                if (!(call.args().get(1) instanceof Operand.Str pattern)) {
                    throw new IllegalArgumentException("regex needs a string literal pattern");
                }
                com.google.re2j.Pattern re = com.google.re2j.Pattern.compile(pattern.value());
                yield r -> re.matcher((String) a.get(r)).find();
            }
            // request attributes are strings: no numbers to count or compare, the checker says so
            case COUNT, QUANTITY -> throw new IllegalArgumentException(call.name() + " is not available on request attributes");
        };
    }

    /** The request's value of an attribute: a String ("" when absent), a Boolean or a List of strings. */
    public static Object attribute(Operand.Attribute a, AuthzInput r) {
        return reader(a).get(r);
    }

    /** How to read an attribute, resolved once by name (a compiled test does not look the name up per request). */
    private static Value reader(Operand.Attribute a) {
        String key = a.key();
        return switch (a.name()) {
            case "user.name" -> r -> text(r.userName());
            case "user.uid" -> r -> text(r.userUid());
            case "user.groups" -> r -> Objects.requireNonNullElse(r.userGroups(), List.of());
            case "user.extra" -> r -> r.userExtra() == null ? List.of()
                    : Objects.requireNonNullElse(r.userExtra().get(key), List.of());
            case "verb" -> r -> text(r.verb());
            case "namespace" -> r -> text(r.namespace());
            case "apiGroup" -> r -> text(r.apiGroup());
            case "apiVersion" -> r -> text(r.apiVersion());
            case "resource" -> r -> text(r.resource());
            case "subresource" -> r -> text(r.subresource());
            case "name" -> r -> text(r.name());
            case "path" -> r -> text(r.path());
            case "resourceRequest" -> AuthzInput::resourceRequest;
            case "authn.method" -> r -> text(r.authnMethod());
            case "authn.authenticator" -> r -> text(r.authnAuthenticator());
            case "user.serviceAccount.namespace" -> r -> ServiceAccountUser.namespace(r.userName());
            case "user.serviceAccount.name" -> r -> ServiceAccountUser.name(r.userName());
            default -> throw new IllegalArgumentException("unknown attribute " + a.name() + " at " + a.span());
        };
    }

    private static String text(String v) {
        return v == null ? "" : v;
    }
}
