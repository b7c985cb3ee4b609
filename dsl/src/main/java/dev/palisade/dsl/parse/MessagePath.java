package dev.palisade.dsl.parse;

import dev.palisade.dsl.ast.ObjPath;
import dev.palisade.dsl.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The path inside a message hole: {@code c.name}, {@code object.metadata.labels["app"]}, {@code c.ports[0]}. */
final class MessagePath {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern SEGMENT = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_-]*)|\\[\"([^\"\\\\]*)\"]|\\[([0-9]{1,9})]");

    private MessagePath() {}

    /** The path, or null if {@code text} is not one. */
    static ObjPath parse(String text, Span span) {
        Matcher root = NAME.matcher(text);
        if (!root.lookingAt()) {
            return null;
        }
        List<Object> segments = new ArrayList<>();
        Matcher m = SEGMENT.matcher(text);
        int at = root.end();
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                return null;
            }
            if (m.group(1) != null) {
                segments.add(m.group(1));
            } else if (m.group(2) != null) {
                segments.add(m.group(2));
            } else {
                segments.add(Integer.parseInt(m.group(3)));
            }
            at = m.end();
        }
        return new ObjPath(root.group(), segments, span);
    }
}
