package dev.palisade.dsl.parse;

import dev.palisade.dsl.ast.ObjPath;
import dev.palisade.dsl.ast.Term;
import dev.palisade.dsl.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The path inside a message hole: {@code c.name}, {@code object.metadata.labels["app"]},
 * {@code c.ports[0]}, or with a computed key as conditions have them:
 * {@code object.metadata.annotations["container.seccomp.security.alpha.kubernetes.io/" + c.name]}.
 * A small hand-written reader, since a hole is text inside a string literal.
 */
final class MessagePath {
    /** Deep enough for any real key; bounds the recursion of keys inside keys. */
    private static final int MAX_DEPTH = 8;

    private final String text;
    private final Span span;
    private int at;

    private MessagePath(String text, Span span) {
        this.text = text;
        this.span = span;
    }

    /** The path, or null if {@code text} is not one. */
    static ObjPath parse(String text, Span span) {
        MessagePath reader = new MessagePath(text, span);
        ObjPath p = reader.path(0);
        return p != null && reader.at == text.length() ? p : null;
    }

    private ObjPath path(int depth) {
        String root = name();
        if (root == null || depth > MAX_DEPTH) {
            return null;
        }
        List<Object> segments = new ArrayList<>();
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '.') {
                at++;
                String field = name();
                if (field == null) {
                    return null;
                }
                segments.add(field);
            } else if (c == '[') {
                at++;
                Object key = key(depth);
                if (key == null || at >= text.length() || text.charAt(at) != ']') {
                    return null;
                }
                at++;
                segments.add(key);
            } else {
                break;
            }
        }
        return new ObjPath(root, segments, span);
    }

    /** {@code "k"}, {@code 0}, or parts joined with {@code +} (a computed key). */
    private Object key(int depth) {
        List<Term> parts = new ArrayList<>();
        while (true) {
            skipBlanks();
            Term part = part(depth);
            if (part == null) {
                return null;
            }
            parts.add(part);
            skipBlanks();
            if (at >= text.length() || text.charAt(at) != '+') {
                break;
            }
            at++;
        }
        if (parts.size() == 1 && parts.get(0) instanceof Term.Str s) {
            return s.value();
        }
        if (parts.size() == 1 && parts.get(0) instanceof Term.Num n) {
            return n.value().intValueExact();
        }
        if (parts.stream().anyMatch(p -> p instanceof Term.Num)) {
            return null; // an index is a number on its own
        }
        return new ObjPath.Computed(parts.size() == 1 ? parts.get(0) : new Term.Concat(parts, span), span);
    }

    private Term part(int depth) {
        if (at >= text.length()) {
            return null;
        }
        char c = text.charAt(at);
        if (c == '"') {
            int close = text.indexOf('"', at + 1);
            if (close < 0 || text.substring(at + 1, close).indexOf('\\') >= 0) {
                return null;
            }
            String value = text.substring(at + 1, close);
            at = close + 1;
            return new Term.Str(value, span);
        }
        if (c >= '0' && c <= '9') {
            int start = at;
            while (at < text.length() && Character.isDigit(text.charAt(at)) && at - start < 9) {
                at++;
            }
            return new Term.Num(new java.math.BigDecimal(text.substring(start, at)), span);
        }
        ObjPath p = path(depth + 1);
        return p == null ? null : new Term.PathRef(p);
    }

    private String name() {
        int start = at;
        if (at < text.length() && (Character.isLetter(text.charAt(at)) && text.charAt(at) < 128 || text.charAt(at) == '_')) {
            at++;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                    at++;
                } else {
                    break;
                }
            }
            return text.substring(start, at);
        }
        return null;
    }

    private void skipBlanks() {
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
    }
}
