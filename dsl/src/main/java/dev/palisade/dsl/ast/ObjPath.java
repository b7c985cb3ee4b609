package dev.palisade.dsl.ast;

import dev.palisade.dsl.source.Span;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A path into the admission input: {@code root} is the first name ({@code object}, {@code user},
 * a loop variable), {@code segments} the rest, each a String key, an Integer list index, or a
 * {@link Computed} key built when the rule runs ({@code ["prefix/" + c.name]}).
 */
public record ObjPath(String root, List<Object> segments, Span span) {
    public ObjPath {
        segments = List.copyOf(segments);
        for (Object s : segments) {
            if (!(s instanceof String) && !(s instanceof Integer) && !(s instanceof Computed)) {
                throw new IllegalArgumentException("path segment must be a key, an index or a computed key: " + s);
            }
        }
    }

    /** A key computed from a string expression; a key that is absent makes the whole path absent. */
    public record Computed(Term key, Span span) {}

    /** Whether a segment is computed when the rule runs. */
    public boolean hasComputedKey() {
        return segments.stream().anyMatch(s -> s instanceof Computed);
    }

    /** The paths read inside computed keys, at any depth (not this path itself). */
    public List<ObjPath> keyPaths() {
        java.util.List<ObjPath> out = new java.util.ArrayList<>();
        for (Object s : segments) {
            if (s instanceof Computed c) {
                out.addAll(Term.paths(c.key()));
            }
        }
        return out;
    }

    /** The path as a policy author would write it, for messages. */
    public String text() {
        return root + segments.stream()
                .map(s -> s instanceof Integer i ? "[" + i + "]" : s instanceof Computed c ? "[" + Term.text(c.key()) + "]"
                        : isPlain((String) s) ? "." + s : "[\"" + s + "\"]")
                .collect(Collectors.joining());
    }

    private static boolean isPlain(String key) {
        return key.matches("[A-Za-z_][A-Za-z0-9_-]*");
    }
}
