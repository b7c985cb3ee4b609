package dev.palisade.dsl.admission;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON value model of admission: navigation by path segments, comparison and deep copy over
 * Map / List / String / Number / Boolean, where null means absent. Numbers compare by value
 * whatever their Java class (Jackson gives Integer, Long, Double or BigDecimal).
 */
public final class JsonValues {
    private JsonValues() {}

    /** The value at {@code segments} below {@code value}, or null when any step is missing or mistyped. */
    public static Object at(Object value, List<Object> segments) {
        Object v = value;
        // indexed, not for-each: no iterator per lookup on the hot path
        for (int k = 0, n = segments.size(); k < n && v != null; k++) {
            v = step(v, segments.get(k));
        }
        return v;
    }

    /** One step of a path: a field of a map or an element of a list; null when it is not there. */
    private static Object step(Object v, Object segment) {
        if (segment instanceof String key) {
            return v instanceof Map<?, ?> m ? m.get(key) : null;
        }
        int i = (Integer) segment;
        return v instanceof List<?> l && i >= 0 && i < l.size() ? l.get(i) : null;
    }

    /**
     * A compiled path's segments for {@link #at(Object, Object[])}: an array, with names interned
     * so that a field of a parsed object (Jackson interns field names) matches by identity.
     */
    static Object[] steps(List<Object> segments) {
        Object[] out = new Object[segments.size()];
        for (int i = 0; i < out.length; i++) {
            Object s = segments.get(i);
            out[i] = s instanceof String name ? name.intern() : s;
        }
        return out;
    }

    /** {@link #at(Object, List)} over {@link #steps}. */
    static Object at(Object value, Object[] steps) {
        Object v = value;
        for (int k = 0; k < steps.length && v != null; k++) {
            v = step(v, steps[k]);
        }
        return v;
    }

    public static boolean equal(Object a, Object b) {
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return integral(x) && integral(y) ? x.longValue() == y.longValue() : decimal(x).compareTo(decimal(y)) == 0;
        }
        return a.equals(b);
    }

    /** Exactly a long: compared without a BigDecimal (the common case: ports, user ids, counts). */
    private static boolean integral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    /** Negative, zero or positive; null when either side is not a number. */
    public static Integer compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return integral(x) && integral(y) ? Long.compare(x.longValue(), y.longValue()) : decimal(x).compareTo(decimal(y));
        }
        return null;
    }

    static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Double || n instanceof Float) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        return new BigDecimal(n.toString());
    }

    /** A mutable deep copy, so mutations never touch the caller's object. */
    public static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put((String) e.getKey(), deepCopy(e.getValue()));
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(deepCopy(o));
            }
            return out;
        }
        return v;
    }

    /** How a missing value reads in a message: visibly missing, never an empty string that hides it. */
    public static final String ABSENT = "<absent>";
    /** A structured value in a message is compact JSON, cut here: a message is read by people. */
    static final int MAX_MESSAGE_VALUE_CHARS = 256;

    /**
     * How a value reads inside a message: strings bare, a list of scalars comma-separated (as
     * authorization messages join groups), maps and nested lists as compact JSON, a missing value
     * as {@value #ABSENT}.
     */
    public static String display(Object v) {
        if (v == null) {
            return ABSENT;
        }
        if (v instanceof Map<?, ?> || v instanceof List<?> l && l.stream().anyMatch(o -> o instanceof Map<?, ?> || o instanceof List<?>)) {
            return json(v, MAX_MESSAGE_VALUE_CHARS);
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object o : l) {
                parts.add(display(o));
            }
            return String.join(", ", parts);
        }
        if (v instanceof Number n) {
            return decimal(n).stripTrailingZeros().toPlainString();
        }
        return Objects.toString(v);
    }

    /** RFC 6901 pointer of absolute segments: {@code /spec/containers/0}. */
    public static String pointer(List<Object> segments) {
        StringBuilder b = new StringBuilder();
        for (Object s : segments) {
            b.append('/').append(s.toString().replace("~", "~0").replace("/", "~1"));
        }
        return b.toString();
    }

    /** {@code [A-Za-z_$][A-Za-z0-9_$-]*}, tested without a regex matcher per segment. */
    private static boolean plainKey(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == '$';
            if (!letter && (i == 0 || !(c >= '0' && c <= '9' || c == '-'))) {
                return false;
            }
        }
        return true;
    }

    /** The Kubernetes field path of absolute segments: {@code spec.containers[0].securityContext}. */
    public static String fieldPath(List<Object> segments) {
        StringBuilder b = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else if (plainKey(s.toString())) {
                b.append(b.length() == 0 ? "" : ".").append(s);
            } else {
                // as Kubernetes' field.Path writes a map key: "metadata.annotations[a.b/c]", never ambiguous dots
                b.append('[').append(s).append(']');
            }
        }
        return b.toString();
    }

    /** A value as compact JSON, cut after {@code max} characters ("..." marks the cut). */
    public static String json(Object v, int max) {
        StringBuilder b = new StringBuilder();
        json(v, b, max);
        return b.length() <= max ? b.toString() : b.substring(0, max) + "...";
    }

    private static void json(Object v, StringBuilder b, int max) {
        if (b.length() > max) {
            return;
        }
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch == '"' || ch == '\\') {
                    b.append('\\').append(ch);
                } else if (ch < 0x20 || Character.isISOControl(ch)) {
                    b.append(String.format("\\u%04x", (int) ch));
                } else {
                    b.append(ch);
                }
            }
            b.append('"');
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                json(String.valueOf(e.getKey()), b, max);
                b.append(':');
                json(e.getValue(), b, max);
                if (it.hasNext()) {
                    b.append(',');
                }
            }
            b.append('}');
        } else if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                json(l.get(i), b, max);
            }
            b.append(']');
        } else if (v instanceof Number n) {
            b.append(display(n));
        } else {
            b.append(v);
        }
    }
}
