package dev.palisade.dsl.admission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: the YAML subset the admission case files and the Pod Security fixtures use (block
 * and flow mappings and sequences, plain and quoted scalars, comments), read into plain JSON
 * values. Not a YAML parser: no anchors, tags, multi-line scalars or documents; anything else is
 * an error rather than a guess. The dsl module has no YAML library, and the tests only need both
 * back ends to see the same objects.
 */
final class MiniYaml {
    private final List<String> lines = new ArrayList<>();
    private int at;

    private MiniYaml(String text) {
        for (String l : text.split("\n", -1)) {
            String s = stripComment(l.replace("\r", ""));
            if (!s.isBlank() && !s.strip().equals("---")) {
                lines.add(s.stripTrailing());
            }
        }
    }

    static Object parse(String text) {
        MiniYaml y = new MiniYaml(text);
        if (y.lines.isEmpty()) {
            return null;
        }
        Object v = y.block(indent(y.lines.get(0)));
        if (y.at != y.lines.size()) {
            throw new IllegalArgumentException("unexpected line: " + y.lines.get(y.at));
        }
        return v;
    }

    private static int indent(String l) {
        int i = 0;
        while (i < l.length() && l.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private Object block(int indent) {
        String first = lines.get(at).substring(indent);
        return first.equals("-") || first.startsWith("- ") ? sequence(indent) : mapping(indent);
    }

    private List<Object> sequence(int indent) {
        List<Object> out = new ArrayList<>();
        while (at < lines.size() && indent(lines.get(at)) == indent && lines.get(at).substring(indent).startsWith("-")) {
            String rest = lines.get(at).substring(indent + 1).strip();
            if (rest.isEmpty()) {
                at++;
                out.add(nested(indent));
            } else if (keyEnd(rest) > 0 && !rest.startsWith("{") && !rest.startsWith("[")) {
                // "- key: value" starts a mapping indented past the dash
                String line = lines.get(at);
                int inner = indent + 1 + indent(line.substring(indent + 1));
                lines.set(at, " ".repeat(inner) + rest);
                out.add(mapping(inner));
            } else {
                at++;
                out.add(flow(rest));
            }
        }
        return out;
    }

    private Map<String, Object> mapping(int indent) {
        Map<String, Object> out = new LinkedHashMap<>();
        while (at < lines.size() && indent(lines.get(at)) == indent && !lines.get(at).substring(indent).startsWith("- ")) {
            String l = lines.get(at).substring(indent);
            int k = keyEnd(l);
            if (k < 0) {
                throw new IllegalArgumentException("not a mapping entry: " + l);
            }
            String key = (String) scalar(l.substring(0, k).strip(), true);
            String rest = l.substring(k + 1).strip();
            at++;
            out.put(key, rest.isEmpty() ? nested(indent) : flow(rest));
        }
        return out;
    }

    /** The block below a key or dash: deeper lines, or a sequence at the key's own indent. */
    private Object nested(int indent) {
        if (at >= lines.size()) {
            return null;
        }
        String next = lines.get(at);
        int i = indent(next);
        if (i > indent || i == indent && next.substring(i).startsWith("-")) {
            return block(i);
        }
        return null;
    }

    /** Index of the ':' ending a plain or quoted key, or -1. */
    private static int keyEnd(String l) {
        char q = 0;
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if (q != 0) {
                if (c == q) {
                    q = 0;
                }
            } else if (c == '"' || c == '\'') {
                q = c;
            } else if (c == '{' || c == '[') {
                return -1;
            } else if (c == ':' && (i + 1 == l.length() || l.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    private static String stripComment(String l) {
        char q = 0;
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if (q != 0) {
                if (c == q) {
                    q = 0;
                }
            } else if (c == '"' || c == '\'') {
                q = c;
            } else if (c == '#' && (i == 0 || l.charAt(i - 1) == ' ')) {
                return l.substring(0, i);
            }
        }
        return l;
    }

    // ---- flow style ----

    private static Object flow(String text) {
        int[] pos = {0};
        Object v = flowValue(text, pos, false);
        skip(text, pos);
        if (pos[0] != text.length()) {
            throw new IllegalArgumentException("trailing text in " + text);
        }
        return v;
    }

    private static void skip(String t, int[] pos) {
        while (pos[0] < t.length() && t.charAt(pos[0]) == ' ') {
            pos[0]++;
        }
    }

    private static Object flowValue(String t, int[] pos, boolean inFlow) {
        skip(t, pos);
        char c = t.charAt(pos[0]);
        if (c == '{') {
            pos[0]++;
            Map<String, Object> out = new LinkedHashMap<>();
            skip(t, pos);
            if (t.charAt(pos[0]) == '}') {
                pos[0]++;
                return out;
            }
            while (true) {
                String key = (String) scalarToken(t, pos, true, true);
                skip(t, pos);
                if (t.charAt(pos[0]) != ':') {
                    throw new IllegalArgumentException("expected ':' in " + t);
                }
                pos[0]++;
                out.put(key, flowValue(t, pos, true));
                skip(t, pos);
                char d = t.charAt(pos[0]++);
                if (d == '}') {
                    return out;
                }
                if (d != ',') {
                    throw new IllegalArgumentException("expected ',' or '}' in " + t);
                }
            }
        }
        if (c == '[') {
            pos[0]++;
            List<Object> out = new ArrayList<>();
            skip(t, pos);
            if (t.charAt(pos[0]) == ']') {
                pos[0]++;
                return out;
            }
            while (true) {
                out.add(flowValue(t, pos, true));
                skip(t, pos);
                char d = t.charAt(pos[0]++);
                if (d == ']') {
                    return out;
                }
                if (d != ',') {
                    throw new IllegalArgumentException("expected ',' or ']' in " + t);
                }
            }
        }
        return scalarToken(t, pos, inFlow, false);
    }

    private static Object scalarToken(String t, int[] pos, boolean inFlow, boolean key) {
        skip(t, pos);
        int start = pos[0];
        char c = t.charAt(start);
        if (c == '"' || c == '\'') {
            int end = t.indexOf(c, start + 1);
            pos[0] = end + 1;
            return scalar(t.substring(start, end + 1), key);
        }
        int i = start;
        while (i < t.length()) {
            char d = t.charAt(i);
            if (inFlow && (d == ',' || d == '}' || d == ']')) {
                break;
            }
            if (key && d == ':' && (i + 1 == t.length() || t.charAt(i + 1) == ' ')) {
                break;
            }
            i++;
        }
        pos[0] = i;
        return scalar(t.substring(start, i).strip(), key);
    }

    private static Object scalar(String s, boolean key) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            String body = s.substring(1, s.length() - 1);
            if (s.startsWith("\"") && body.contains("\\")) {
                throw new IllegalArgumentException("escapes are not supported: " + s);
            }
            return body;
        }
        if (key) {
            return s;
        }
        switch (s) {
            case "", "null", "~" -> {
                return null;
            }
            case "true" -> {
                return Boolean.TRUE;
            }
            case "false" -> {
                return Boolean.FALSE;
            }
            default -> { }
        }
        if (s.matches("-?[0-9]+")) {
            long v = Long.parseLong(s);
            return v == (int) v ? (Object) (int) v : (Object) v;
        }
        if (s.matches("-?[0-9]+\\.[0-9]+")) {
            return Double.parseDouble(s);
        }
        return s;
    }
}
