package dev.palisade.dsl.ast;

import dev.palisade.dsl.source.Span;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A path into the admission input: {@code root} is the first name ({@code object}, {@code user},
 * a loop variable), {@code segments} the rest, each a String key or an Integer list index.
 */
public record ObjPath(String root, List<Object> segments, Span span) {
    public ObjPath {
        segments = List.copyOf(segments);
        for (Object s : segments) {
            if (!(s instanceof String) && !(s instanceof Integer)) {
                throw new IllegalArgumentException("path segment must be a key or an index: " + s);
            }
        }
    }

    /** The path as a policy author would write it, for messages. */
    public String text() {
        return root + segments.stream()
                .map(s -> s instanceof Integer i ? "[" + i + "]" : isPlain((String) s) ? "." + s : "[\"" + s + "\"]")
                .collect(Collectors.joining());
    }

    private static boolean isPlain(String key) {
        return key.matches("[A-Za-z_][A-Za-z0-9_-]*");
    }
}
